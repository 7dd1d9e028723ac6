#!/bin/sh
# install-deps.sh -- install, from Debian's packages, what netlife needs to
# build, test and run its rigs.  Installing boinc-client must not start a
# client that contacts the outside world: service starts are blocked while
# apt runs (policy-rc.d), and a client service that we installed is left
# stopped and disabled.
set -eu

PACKAGES="build-essential autoconf automake libtool pkg-config
 libcurl4-openssl-dev libssl-dev libexpat1-dev libcmocka-dev libpcap-dev zlib1g-dev
 boinc-client nginx-light iproute2 util-linux procps curl python3
 valgrind strace time tcpdump nftables ulogd2 ulogd2-pcap conntrack
 groff-base man-db bsdextrautils clang libclang-rt-14-dev openssl"

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -z "$missing" ]; then
	echo "install-deps: everything is installed"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing:$missing; run as root to install" >&2
	exit 1
fi
had_boinc=0
dpkg-query -W -f='${Status}' boinc-client 2>/dev/null | grep -q 'ok installed' &&
	had_boinc=1
own_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod 755 /usr/sbin/policy-rc.d
	own_policy=1
fi
trap '[ $own_policy = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
echo "install-deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
if [ $had_boinc = 0 ] && command -v systemctl >/dev/null 2>&1 &&
    [ -d /run/systemd/system ]; then
	systemctl disable --now boinc-client >/dev/null 2>&1 || true
fi
echo "install-deps: done"

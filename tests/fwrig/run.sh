#!/bin/bash
# run.sh -- the firewall rig: Debian's real BOINC client, traced by netlife,
# behind a real stateful firewall (a gateway namespace with masquerading,
# an nftables ruleset dropping and logging out-of-state TCP segments to
# ulogd2), talking to a real web server (nginx) and the rig's scheduler.
# Each scenario provokes one kind of late server segment with the client's
# own traffic, and leaves what everybody saw.  docs/firewall-rig.md.
#
# usage: run.sh --workdir DIR [--scenarios LIST] [--run NETLIFE_RUN]
#               [--client PATH] [--conn-debug]
#
#   --workdir DIR    where the results go (new or empty)
#   --scenarios LIST comma-separated, of: 1 rst_unread, 2 late_fin,
#                    3 fin_retransmit, 4 idle_closed (HTTP/1.1 keep-alive),
#                    5 idle_closed (HTTPS, HTTP/2), 2h late_fin with a
#                    second client host; default: all
#   --run PROG       netlife-run (default: $NETLIFE_RUN, else the build
#                    tree's wrapper/netlife-run)
#   --client PATH    run this BOINC client instead of /usr/bin/boinc (e.g.
#                    one built from a tree patched by netlife-patch-boinc)
#   --conn-debug     set <conn_debug> in cc_config.xml: a patched client
#                    logs [conn] records (docs/patches.md)
#
# Left in DIR/<scenario>/:
#   scenario.env            what the scenario was and provoked
#   host1/trace.txt         netlife's trace of the client (host2/: the second)
#   host1/data/stdoutdae.txt  the client's log
#   gw/nflog.txt, gw/nflog.pcap   the firewall's log: ulogd2 text and pcap
#   gw/wan.pcap, gw/lan.pcap, gw/ct-events.txt   the gateway's captures
#                           and conntrack events (ground truth)
#   srv/scheduler.log, srv/nginx-xchg.log        what the server saw
#   ground-truth.tsv        every dropped server segment: host, client
#                           port, exchange (URL, kind) and cause
# Needs root and network namespaces; exits 77 (with the reason) when the
# machine does not allow them or a program is missing.
set -uo pipefail

# Print the usage part of the header comment; exit with status $1 (2).
usage() {
	sed -n '/^# usage:/,/^# Left in DIR/{/^# Left in DIR/d;p}' "$0" |
		sed 's/^# \{0,1\}//' >&2
	exit "${1:-2}"
}

# The rig cannot run here: say why, and exit 77 (a skip for make check).
skip() {
	echo "fwrig: SKIP: $*" >&2
	exit 77
}

# The options (see the header), checked.
parse_args() {
	FW_WORK='' FW_SCENARIOS='1,2,3,4,5,2h' RIG_LAUNCHER=${NETLIFE_RUN:-}
	FW_CLIENT=/usr/bin/boinc FW_CONN_DEBUG=0
	while [ $# -gt 0 ]; do
		case $1 in
		--workdir)	FW_WORK=${2:?}; shift;;
		--scenarios)	FW_SCENARIOS=${2:?}; shift;;
		--run)		RIG_LAUNCHER=${2:?}; shift;;
		--client)	FW_CLIENT=${2:?}; shift;;
		--conn-debug)	FW_CONN_DEBUG=1;;
		-h|--help)	usage 0;;
		*)		usage;;
		esac
		shift
	done
	[ -n "$FW_WORK" ] || usage
	[[ $FW_SCENARIOS =~ ^(1|2|3|4|5|2h)(,(1|2|3|4|5|2h))*$ ]] || usage
	[[ $FW_CLIENT == /* ]] || FW_CLIENT=$PWD/$FW_CLIENT
}

# The build tree's programs: the scheduler and codesign, netlife-run.
find_programs() {
	local dir
	RIG_BIN=''
	for dir in "${RIG_BINDIR:-}" "${top_builddir:+$top_builddir/tests/rig}" \
		   "$PWD/tests/rig"; do
		if [ -n "$dir" ] && [ -x "$dir/scheduler" ] && [ -x "$dir/codesign" ]; then
			RIG_BIN=$(cd "$dir" && pwd)
			break
		fi
	done
	[ -n "$RIG_BIN" ] ||
		skip "scheduler and codesign are not built (run make, or set RIG_BINDIR)"
	if [ -z "$RIG_LAUNCHER" ]; then
		for dir in "${top_builddir:-}" "$(dirname "$RIG_BIN")/.." "$PWD"; do
			[ -n "$dir" ] && [ -x "$dir/wrapper/netlife-run" ] &&
				{ RIG_LAUNCHER=$dir/wrapper/netlife-run; break; }
		done
	fi
	[ -n "$RIG_LAUNCHER" ] && [ -x "$RIG_LAUNCHER" ] ||
		skip "no netlife-run (build it, or pass --run)"
	RIG_LAUNCHER=$(cd "$(dirname "$RIG_LAUNCHER")" && pwd)/$(basename "$RIG_LAUNCHER")
}

# Everything the rig needs, or a skip saying what is missing.
check_prerequisites() {
	local prog plugin
	[ "$(id -u)" = 0 ] || skip "needs root (network namespaces)"
	[ -x "$FW_CLIENT" ] || skip "no $FW_CLIENT (Debian package boinc-client)"
	for prog in unshare ip nft tc ss ulogd tcpdump conntrack nginx boinccmd \
		    openssl python3 timeout sysctl md5sum; do
		command -v "$prog" > /dev/null || skip "no $prog on PATH"
	done
	for plugin in inppkt_NFLOG output_LOGEMU output_PCAP; do
		compgen -G "/usr/lib/*/ulogd/ulogd_$plugin.so" > /dev/null ||
			compgen -G "/usr/lib/ulogd/ulogd_$plugin.so" > /dev/null ||
			skip "no ulogd2 ${plugin#*_} plugin (Debian packages ulogd2, ulogd2-pcap)"
	done
	nginx -V 2>&1 | grep -q -- --with-http_v2_module ||
		skip "this nginx has no HTTP/2 (http_v2_module)"
	unshare --net --mount --pid --fork true 2> /dev/null ||
		skip "network namespaces are not allowed here (unshare --net --mount --pid)"
	unshare --net sh -c 'ip link add fwrig0 type veth peer name fwrig1 &&
		ip link add fwrigbr type bridge' > /dev/null 2>&1 ||
		skip "no veth pairs or bridges inside a network namespace here"
	# Conntrack state and logging to netlink, as the gateway's ruleset has.
	unshare --net nft -f - > /dev/null 2>&1 <<'NFT' ||
table inet fwrig_probe {
  chain forward {
    type filter hook forward priority filter; policy accept;
    ct state invalid log group 1 prefix "probe " drop
  }
}
NFT
		skip "nftables here cannot match conntrack state or log to a group (nf_conntrack, nfnetlink_log)"
	find_programs
}

# A new or empty work directory, as an absolute path.
make_workdir() {
	mkdir -p "$FW_WORK" || exit 1
	[ -z "$(ls -A "$FW_WORK")" ] || { echo "fwrig: $FW_WORK is not empty" >&2; exit 2; }
	FW_WORK=$(cd "$FW_WORK" && pwd)
}

# Where to look, scenario by scenario.
print_results() {
	local dir
	for dir in "$FW_WORK"/s*/; do
		[ -e "$dir/scenario.env" ] || continue
		echo "fwrig: $(sed -n 's/^TITLE=//p' "$dir/scenario.env")"
		echo "  ${dir%/}/{scenario.env,ground-truth.tsv}"
		echo "  ${dir%/}/host*/{trace.txt,data/stdoutdae.txt}"
		echo "  ${dir%/}/gw/{nflog.txt,nflog.pcap,wan.pcap,lan.pcap,ct-events.txt}"
		echo "  ${dir%/}/srv/{scheduler.log,nginx-xchg.log}"
	done
}

# Check, make the work dir, and run inside.sh in namespaces of its own,
# bounded by a timeout.
main() {
	local rc count
	FW_SRC=$(cd "$(dirname "$0")" && pwd)
	RIG_SRC=$(cd "$FW_SRC/../rig" && pwd)
	parse_args "$@"
	check_prerequisites
	make_workdir
	export FW_SRC FW_WORK FW_SCENARIOS RIG_SRC RIG_BIN RIG_LAUNCHER
	export FW_CLIENT FW_CONN_DEBUG
	export RIG_MODE=run
	echo "fwrig: work dir $FW_WORK"
	count=$(tr ',' '\n' <<< "$FW_SCENARIOS" | grep -c .)
	# The whole rig is bounded too: the scenarios' own limits, plus setup.
	timeout --kill-after=10 $((count * ${FW_SCENARIO_LIMIT:-90} + 30)) \
		unshare --net --mount --pid --fork --kill-child --mount-proc -- \
		bash "$FW_SRC/inside.sh" < /dev/null
	rc=$?
	print_results
	[ $rc = 0 ] || echo "fwrig: failed (exit status $rc); what there is is in $FW_WORK" >&2
	return $rc
}

main "$@"

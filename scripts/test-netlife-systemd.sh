#!/bin/sh
# Tests netlife-systemd under a throwaway --root: the drop-in it writes,
# that enable is idempotent and disable puts every file back as it was,
# that it never replaces or removes a file it did not write, that it
# refuses a normal user on the real system, and that it never calls
# systemctl for another root.  If systemd-analyze is there, the drop-in
# is also checked against the installed boinc-client.service.

set -u

tool=${NETLIFE_SYSTEMD:-${top_builddir:-.}/scripts/netlife-systemd}
if [ ! -f "$tool" ]; then
	echo "ERROR: not built: $tool" >&2
	exit 99
fi
tool=$(cd -P -- "${tool%/*}" && pwd)/${tool##*/}

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
root=$tmp/root
unit_dir=$root/etc/systemd/system
dropin=$unit_dir/boinc-client.service.d/netlife.conf

# A root that looks like Debian's boinc-client installation.
mkdir -p "$unit_dir" "$root/lib/systemd/system" "$root/var/lib/boinc-client" \
	"$root/etc/boinc-client"
ln -s boinc-client "$root/var/lib/boinc"
cat >"$root/lib/systemd/system/boinc-client.service" <<'EOF'
[Service]
ProtectHome=true
ProtectSystem=strict
ReadWritePaths=-/var/lib/boinc -/etc/boinc-client
User=boinc
WorkingDirectory=/var/lib/boinc
ExecStart=/usr/bin/boinc
EOF

# systemctl must never run for another root: a stub records any call.
mkdir "$tmp/bin"
printf '#!/bin/sh\necho "$*" >>"%s"\n' "$tmp/systemctl.log" >"$tmp/bin/systemctl"
chmod 755 "$tmp/bin/systemctl"
PATH=$tmp/bin:$PATH
export PATH

failures=0

# Records a failed check without stopping, so one run reports them all.
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# Runs the tool; keeps the exit status, stdout and stderr.
attempt() {
	"$tool" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# Checks the exit status of the last run.
expect_status() {
	[ "$status" -eq "$1" ] ||
		fail "$2: exit status $status, expected $1 (stderr: $(cat "$tmp/err"))"
}

# Checks that the last run's stdout or stderr mentions TEXT.
expect_said() {
	grep -qF -- "$1" "$tmp/out" "$tmp/err" ||
		fail "$2: output lacks '$1': $(cat "$tmp/out" "$tmp/err")"
}

# Lists every file under the root with its type, mode, link target and
# checksum: two equal listings mean an identical tree.
snapshot() {
	(
		cd "$root" || exit 1
		find . -printf '%y %m %p -> %l\n' | LC_ALL=C sort
		find . -type f -exec cksum {} + | LC_ALL=C sort
	)
}

# Checks that the tree is exactly as in the snapshot file.
expect_tree() {
	snapshot >"$tmp/now"
	cmp -s "$1" "$tmp/now" ||
		fail "$2: the tree changed: $(diff "$1" "$tmp/now" | tr '\n' ' ')"
}

# Checks the drop-in's settings, ignoring its comments.
expect_dropin() {
	printf '%s\n' "$@" >"$tmp/want"
	grep -v '^#' "$dropin" >"$tmp/have" 2>/dev/null
	cmp -s "$tmp/want" "$tmp/have" ||
		fail "drop-in: expected [$(cat "$tmp/want")], got [$(cat "$tmp/have")]"
}

# The library the tool preloads by default, as its --help states it.
shim=$("$tool" --help | sed -n 's/^ *--shim PATH .*(default: \(.*\))$/\1/p')
if [ -z "$shim" ]; then
	fail "--help does not state the default library"
	shim=/usr/lib/netlife/libnetlife.so
fi
mkdir -p "$root${shim%/*}"
: >"$root$shim"
snapshot >"$tmp/before"

# --- usage ---------------------------------------------------------------
attempt --help
expect_status 0 "--help"
attempt --version
expect_status 0 "--version"
attempt --root "$root"
expect_status 2 "no command"
attempt frobnicate --root "$root"
expect_status 2 "unknown command"
attempt enable disable --root "$root"
expect_status 2 "two commands"
attempt enable --root "$root" --trace relative.txt
expect_status 2 "relative --trace"
attempt enable --root "$root" --trace "/var/lib/boinc/a b.txt"
expect_status 2 "--trace with a blank"
attempt enable --root "$root" --trace "/var/lib/boinc/100%.txt"
expect_status 2 "--trace with a specifier"
attempt enable --root "$root" --max-size 12k
expect_status 2 "--max-size not a number"
attempt disable --root "$root" --trace /var/lib/boinc/x.txt
expect_status 2 "--trace with disable"
attempt status --root "$root" --restart
expect_status 2 "--restart with status"
attempt enable --root "$root" --unit ../../evil
expect_status 2 "--unit with a slash"
attempt enable --root "$tmp/no-such-root"
expect_status 1 "missing --root"
expect_tree "$tmp/before" "usage errors"

# --- enable, status, disable -------------------------------------------
attempt status --root "$root"
expect_status 3 "status before enable"
expect_said "Not enabled" "status before enable"

attempt enable --root "$root"
expect_status 0 "enable"
expect_said "Enabled: $dropin" "enable"
expect_dropin "[Service]" "Environment=LD_PRELOAD=$shim" \
	"Environment=NETLIFE_TRACE=/var/lib/boinc-client/netlife-trace.txt"
[ "$(stat -c %a "$dropin")" = 644 ] || fail "drop-in mode $(stat -c %a "$dropin")"
[ ! -s "$tmp/err" ] || fail "enable warned: $(cat "$tmp/err")"
ls -A "${dropin%/*}" >"$tmp/files"
[ "$(cat "$tmp/files")" = netlife.conf ] || fail "stray files: $(cat "$tmp/files")"

attempt status --root "$root"
expect_status 0 "status after enable"
expect_said "LD_PRELOAD=$shim" "status after enable"

inode=$(stat -c %i "$dropin")
cp "$dropin" "$tmp/first"
attempt enable --root "$root"
expect_status 0 "enable again"
expect_said "Already enabled" "enable again"
[ "$(stat -c %i "$dropin")" = "$inode" ] || fail "enable again rewrote the drop-in"
cmp -s "$tmp/first" "$dropin" || fail "enable again changed the drop-in"

attempt enable --root "$root" --trace /var/lib/boinc/other.txt --max-size 1000
expect_status 0 "enable with settings"
expect_dropin "[Service]" "Environment=LD_PRELOAD=$shim" \
	"Environment=NETLIFE_TRACE=/var/lib/boinc/other.txt" \
	"Environment=NETLIFE_TRACE_MAX=1000"
[ ! -s "$tmp/err" ] || fail "trace through the /var/lib/boinc link warned: $(cat "$tmp/err")"

attempt enable --root "$root" --trace /srv/netlife.txt
expect_status 0 "enable with a trace outside ReadWritePaths"
expect_said "outside boinc-client.service's ReadWritePaths" "trace outside ReadWritePaths"

mkdir -p "$root/root/lib"
: >"$root/root/lib/libnetlife.so"
attempt enable --root "$root" --shim /root/lib/libnetlife.so
expect_status 0 "enable with a library under /root"
expect_said "/root/lib/libnetlife.so is hidden from boinc-client.service (ProtectHome)" \
	"library under /root"
rm -r "$root/root"

attempt disable --root "$root"
expect_status 0 "disable"
expect_said "Disabled" "disable"
expect_tree "$tmp/before" "disable"
attempt disable --root "$root"
expect_status 0 "disable again"
expect_said "Not enabled" "disable again"
expect_tree "$tmp/before" "disable again"

# A drop-in directory that was there before stays, with its other files.
mkdir "${dropin%/*}"
printf '[Service]\nNice=5\n' >"${dropin%/*}/override.conf"
snapshot >"$tmp/before-override"
attempt enable --root "$root"
expect_status 0 "enable beside override.conf"
attempt disable --root "$root"
expect_status 0 "disable beside override.conf"
expect_tree "$tmp/before-override" "disable beside override.conf"

# A netlife.conf written by someone else is never replaced or removed.
printf '[Service]\nEnvironment=FOO=1\n' >"$dropin"
snapshot >"$tmp/before-foreign"
attempt enable --root "$root"
expect_status 1 "enable over a foreign file"
attempt disable --root "$root"
expect_status 1 "disable of a foreign file"
attempt status --root "$root"
expect_status 1 "status of a foreign file"
expect_tree "$tmp/before-foreign" "foreign file"
rm -r "${dropin%/*}"
expect_tree "$tmp/before" "clean-up"

# No library installed: nothing is written.
attempt enable --root "$root" --shim /opt/none/libnetlife.so
expect_status 1 "enable without the library"
expect_said "library not installed" "enable without the library"
expect_tree "$tmp/before" "enable without the library"

# Another unit; a short name means the service.
attempt enable --root "$root" --unit boinc-client-2
expect_status 0 "--unit"
[ -f "$unit_dir/boinc-client-2.service.d/netlife.conf" ] || fail "--unit: no drop-in"
expect_said "boinc-client-2.service not found" "--unit without its unit file"
attempt disable --root "$root" --unit boinc-client-2.service
expect_status 0 "--unit disable"
expect_tree "$tmp/before" "--unit disable"

if [ -s "$tmp/systemctl.log" ]; then
	fail "systemctl was called for another root: $(cat "$tmp/systemctl.log")"
fi

# --- the real system, as a normal user: refused, nothing touched ----------
as_user=''
if [ "$(id -u)" -ne 0 ]; then
	as_user=' '
elif command -v setpriv >/dev/null 2>&1 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$tool"; then
	as_user='setpriv --reuid=65534 --regid=65534 --clear-groups'
fi
if [ -n "$as_user" ]; then
	for command in enable disable; do
		# shellcheck disable=SC2086 # $as_user is a command prefix
		$as_user "$tool" "$command" >"$tmp/out" 2>"$tmp/err"
		status=$?
		expect_status 1 "$command as a normal user"
		expect_said "must be run as root" "$command as a normal user"
	done
else
	echo "note: refusal of a normal user not checked (no setpriv)"
fi

# --- systemd-analyze verify of the real unit with the drop-in ------------
real_unit=''
for dir in /etc/systemd/system /lib/systemd/system /usr/lib/systemd/system; do
	[ -f "$dir/boinc-client.service" ] && real_unit=$dir/boinc-client.service && break
done
if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "note: systemd-analyze not found; the unit was not verified"
elif [ -z "$real_unit" ]; then
	echo "note: boinc-client.service not installed; the unit was not verified"
else
	vroot=$tmp/verify
	mkdir -p "$vroot/etc/systemd/system" "$vroot${shim%/*}"
	: >"$vroot$shim"
	"$tool" enable --root "$vroot" >/dev/null 2>&1 || fail "verify: enable failed"
	vdir=$vroot/etc/systemd/system/boinc-client.service.d
	# verify_unit: what systemd-analyze says about our root's files.
	verify_unit() {
		SYSTEMD_UNIT_PATH=$vroot/etc/systemd/system: \
			systemd-analyze verify boinc-client.service 2>&1 | grep -F "$vroot"
	}
	# First a drop-in with a mistake, to see that verify reads drop-ins
	# from there at all; then ours alone, which must raise nothing.
	printf '[Service]\nNetlifeNoSuchKey=1\n' >"$vdir/zz-check.conf"
	if verify_unit | grep -q NetlifeNoSuchKey; then
		rm "$vdir/zz-check.conf"
		said=$(verify_unit)
		[ -z "$said" ] || fail "systemd-analyze verify: $said"
	else
		echo "note: systemd-analyze ignores SYSTEMD_UNIT_PATH here; the unit was not verified"
	fi
fi

if [ "$failures" -gt 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
echo "all checks passed"

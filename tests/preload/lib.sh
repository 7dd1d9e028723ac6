# Shared by the preload tests (sourced, not run).
#
# A test calls nl_init first: it finds the shim and the test programs, moves
# the test into a private network namespace when it can (root + unshare), and
# makes a scratch directory.  Then, per part of the test:
#   nl_part NAME            a fresh directory for this part's files
#   nl_start_server         truth_server; sets NL_PORT4, NL_PORT6 (or "-")
#   nl_traced PROG ARGS...  PROG under the shim -> $NL_DIR/PROG.out, trace.txt
#   nl_stop_server          SIGTERM, wait (the log is then complete)
#   nl_check ARGS...        check_trace.py on this part's files
# Exit codes: 0 pass, 1 fail, 77 skip (automake).

set -u

nl_skip() { echo "SKIP: $*"; exit 77; }
nl_fail() { echo "FAIL: $*" >&2; NL_FAILED=1; exit 1; }

# Re-runs the test inside a private network namespace (only lo, brought up),
# so that ports never collide; falls back to the host's loopback.
nl_enter_netns() {
	if [ "${NL_IN_NETNS:-}" = 1 ]; then
		ip link set lo up || nl_fail "cannot bring lo up in the namespace"
		echo "network: private namespace"
		return
	fi
	if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
	   command -v ip >/dev/null && unshare -n true 2>/dev/null; then
		NL_IN_NETNS=1 exec unshare -n -- "$BASH" "$0" "$@"
	fi
	echo "network: host loopback (not root or no unshare)"
}

# The LD_PRELOAD value for PROG: the shim, after the sanitizer runtime when
# the shim or PROG was built with ASan (ASan insists on coming first).
nl_preload_for() {
	local asan
	asan=$(ldd "$NETLIFE_SHIM" "$1" 2>/dev/null | awk '/libasan/ {print $3; exit}')
	if [ -n "$asan" ]; then
		echo "$asan $NETLIFE_SHIM"
	else
		echo "$NETLIFE_SHIM"
	fi
}

nl_cleanup() {
	local rc=$?
	nl_stop_server 2>/dev/null
	[ -n "${NL_CAPTURE_PID:-}" ] && kill "$NL_CAPTURE_PID" 2>/dev/null
	if [ "$rc" = 0 ] || [ "$rc" = 77 ] || [ -n "${NL_KEEP:-}" ]; then
		[ -z "${NL_KEEP:-}" ] && rm -rf "$NL_TMP"
	else
		echo "files kept in $NL_TMP"
	fi
}

nl_init() {
	NL_NAME=$(basename "$0" .sh)
	nl_enter_netns "$@"
	: "${top_builddir:=.}"
	NL_BIN=$(cd "$top_builddir" && pwd)/tests/preload
	NL_SRC=$(cd "$(dirname "$0")" && pwd)
	: "${NETLIFE_SHIM:=$(cd "$top_builddir" && pwd)/wrapper/.libs/libnetlife.so}"
	[ -f "$NETLIFE_SHIM" ] || nl_skip "shim not built: $NETLIFE_SHIM"
	command -v python3 >/dev/null || nl_skip "python3 is needed for the assertions"
	[ -x "$NL_BIN/truth_server" ] || nl_skip "test programs not built in $NL_BIN"
	NL_TMP=$(mktemp -d "${TMPDIR:-/tmp}/netlife-$NL_NAME.XXXXXX") || nl_fail "mktemp"
	NL_SERVER_PID=
	trap nl_cleanup EXIT
}

# A fresh directory for one part of a test (its own server, trace, outputs).
nl_part() {
	NL_DIR=$NL_TMP/$1
	mkdir -p "$NL_DIR"
	echo "--- $1"
}

nl_start_server() {
	"$NL_BIN/truth_server" --log "$NL_DIR/server.log" --lifetime 120 \
		>"$NL_DIR/server.out" 2>"$NL_DIR/server.err" &
	NL_SERVER_PID=$!
	local i
	for i in $(seq 50); do
		grep -q '^port4=' "$NL_DIR/server.out" 2>/dev/null && break
		sleep 0.1
	done
	read -r NL_PORT4 NL_PORT6 <"$NL_DIR/server.out" ||
		nl_fail "truth_server did not start: $(cat "$NL_DIR/server.err")"
	NL_PORT4=${NL_PORT4#port4=}
	NL_PORT6=${NL_PORT6#port6=}
}

nl_stop_server() {
	[ -n "${NL_SERVER_PID:-}" ] || return 0
	kill -TERM "$NL_SERVER_PID" 2>/dev/null
	wait "$NL_SERVER_PID"
	NL_SERVER_PID=
}

# Runs PROG under the shim, tracing it, bounded in time; fails on a nonzero exit.
nl_traced() {
	local prog=$1 rc
	shift
	LD_PRELOAD="$(nl_preload_for "$NL_BIN/$prog")" NETLIFE_PROGRAMS=$prog \
	NETLIFE_TRACE=$NL_DIR/trace.txt \
		timeout -k 5 "${NL_TIMEOUT:-60}" "$NL_BIN/$prog" "$@" \
		>"$NL_DIR/$prog.out" 2>"$NL_DIR/$prog.err"
	rc=$?
	if [ "$rc" != 0 ]; then
		cat "$NL_DIR/$prog.err" >&2
		[ "$rc" = 124 ] && nl_fail "$prog under the shim timed out (deadlock?)"
		nl_fail "$prog under the shim exited with $rc"
	fi
	[ -f "$NL_DIR/trace.txt" ] || nl_fail "$prog under the shim left no trace"
}

# Runs PROG without the shim (for comparisons).
nl_plain() {
	local prog=$1
	shift
	timeout -k 5 "${NL_TIMEOUT:-60}" "$NL_BIN/$prog" "$@" \
		>"$NL_DIR/$prog.plain.out" 2>"$NL_DIR/$prog.plain.err" ||
		nl_fail "$prog without the shim exited with $?: $(cat "$NL_DIR/$prog.plain.err")"
}

# check_trace.py on this part's trace, server log and client outputs.
nl_check() {
	local outs=() f
	for f in "$NL_DIR"/*.out; do
		case $f in */server.out | *.plain.out) ;; *) outs+=(--client-out "$f") ;; esac
	done
	if ! python3 "$NL_SRC/check_trace.py" --trace "$NL_DIR/trace.txt" \
		--server-log "$NL_DIR/server.log" "${outs[@]}" "$@"; then
		echo "--- server log"; cat "$NL_DIR/server.log"
		echo "--- trace (first 200 lines)"; head -n 200 "$NL_DIR/trace.txt"
		nl_fail "$NL_NAME: the trace does not match the ground truth"
	fi
}

# Packet capture on lo, only inside the private namespace (our traffic only).
nl_capture_start() {
	NL_CAPTURE_PID=
	[ "${NL_IN_NETNS:-}" = 1 ] && command -v tcpdump >/dev/null || return 0
	tcpdump -i lo -nn -U --immediate-mode -w "$NL_DIR/lo.pcap" tcp 2>"$NL_DIR/tcpdump.err" &
	NL_CAPTURE_PID=$!
	local i
	for i in $(seq 50); do
		grep -q 'listening on' "$NL_DIR/tcpdump.err" && return 0
		sleep 0.1
	done
	nl_fail "tcpdump did not start: $(cat "$NL_DIR/tcpdump.err")"
}

# Stops the capture; prints "SRCPORT" for every RST segment seen.
nl_capture_rst_ports() {
	[ -n "${NL_CAPTURE_PID:-}" ] || return 0
	sleep 0.3
	kill -INT "$NL_CAPTURE_PID"
	wait "$NL_CAPTURE_PID"
	NL_CAPTURE_PID=
	tcpdump -nn -r "$NL_DIR/lo.pcap" 'tcp[tcpflags] & tcp-rst != 0' 2>/dev/null |
		sed -n 's/.* IP6\{0,1\} [^ ]*[.]\([0-9]*\) > .*/\1/p'
}

# The local ports of the client's expectation lines that contain WORD.
nl_ports_expecting() {
	awk -v w="$1" '$1 == "expect" && index($0, w) { sub("port=", "", $2); print $2 }' \
		"$NL_DIR"/*.out
}

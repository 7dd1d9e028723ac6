#!/bin/bash
# The shim under valgrind's memcheck, inside a real libcurl client doing
# keep-alive reuse with an idle gap, fresh connections and a POST: no
# invalid access, no uninitialised value reaching a syscall (the trace's
# bytes included), no definite leak -- and the trace still matches what
# the server saw.
. "$(dirname "$0")/lib.sh"
nl_init "$@"
command -v valgrind >/dev/null || nl_skip "valgrind is not installed"
ldd "$NETLIFE_SHIM" | grep -q libasan && nl_skip "ASan build: valgrind cannot run it"

nl_part memcheck
nl_start_server
base=http://127.0.0.1:$NL_PORT4
LD_PRELOAD=$NETLIFE_SHIM NETLIFE_PROGRAMS=curl_seq NETLIFE_TRACE=$NL_DIR/trace.txt \
	timeout -k 5 120 valgrind -q --error-exitcode=99 --leak-check=full \
	--errors-for-leak-kinds=definite --track-fds=no \
	"$NL_BIN/curl_seq" "$base/bytes/5000" sleep:1100 "$base/echo@2000" \
	"$base/bytes/100000" >"$NL_DIR/curl_seq.out" 2>"$NL_DIR/valgrind.err"
rc=$?
nl_stop_server
if [ "$rc" != 0 ]; then
	cat "$NL_DIR/valgrind.err"
	nl_fail "valgrind reported errors (exit $rc)"
fi
nl_check --conns 1 --all server.requests=3 --all resumes=1 --all close=FIN
echo "memcheck: clean"

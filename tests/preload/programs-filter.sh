#!/bin/bash
# The shim loaded into a program that is not to be traced (NETLIFE_PROGRAMS
# names another one), or with NETLIFE_DISABLE=1, must write no trace at all
# and change nothing the program sees.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

nl_part filter
nl_start_server
closed_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
nl_plain raw_errno 127.0.0.1 "$NL_PORT4" "$closed_port"
preload=$(nl_preload_for "$NL_BIN/raw_errno")
for env in "NETLIFE_PROGRAMS=boinc" "NETLIFE_PROGRAMS=raw_errno NETLIFE_DISABLE=1"; do
	rm -f "$NL_DIR/trace.txt"
	env LD_PRELOAD="$preload" NETLIFE_TRACE="$NL_DIR/trace.txt" $env \
		timeout -k 5 60 "$NL_BIN/raw_errno" 127.0.0.1 "$NL_PORT4" "$closed_port" \
		>"$NL_DIR/filtered.out" 2>&1 || nl_fail "raw_errno with $env failed"
	diff -u "$NL_DIR/raw_errno.plain.out" "$NL_DIR/filtered.out" ||
		nl_fail "with $env the program saw other results"
	[ ! -s "$NL_DIR/trace.txt" ] ||
		nl_fail "with $env a trace was written: $(head -3 "$NL_DIR/trace.txt")"
	echo "$env: no trace, same results"
done
nl_stop_server

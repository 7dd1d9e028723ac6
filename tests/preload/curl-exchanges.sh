#!/bin/bash
# Exchanges, not sockets: libcurl transfers reusing a keep-alive
# connection, fresh connections, and concurrent transfers through one
# multi handle.  Each request the server answered must be one exchange,
# tied to the connection the server saw it on, with the server's byte
# counts, and marked reused exactly when it was not the connection's first.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

check_exchanges() {
	python3 "$NL_SRC/check_exchanges.py" --trace "$NL_DIR/trace.txt" \
		--server-log "$NL_DIR/server.log" ||
		nl_fail "exchanges do not match what the server saw"
}

nl_part keepalive
nl_start_server
base=http://127.0.0.1:$NL_PORT4
nl_traced curl_seq "$base/bytes/1000" "$base/echo@3000" sleep:1100 \
	"$base/bytes/70000" "$base/close/bytes/10" "$base/bytes/5"
nl_stop_server
check_exchanges
# The program's own PREREQ callback ran once per request: chained, not replaced.
grep -qx 'prereq_calls=5' "$NL_DIR/curl_seq.out" ||
	nl_fail "the program's PREREQ callback was not chained: $(grep prereq_calls "$NL_DIR/curl_seq.out")"

nl_part fresh
nl_start_server
base=http://127.0.0.1:$NL_PORT4
nl_traced curl_seq --fresh "$base/bytes/100" "$base/bytes/200" "$base/echo@50"
nl_stop_server
check_exchanges

nl_part multi
nl_start_server
nl_traced curl_multi 4 2 "http://127.0.0.1:$NL_PORT4/bytes/20000"
nl_stop_server
check_exchanges

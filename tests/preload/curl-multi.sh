#!/bin/bash
# libcurl multi: 6 concurrent transfers (non-blocking connects, answers
# delayed 300 ms so that they overlap), then 6 more that reuse the cached
# connections, which curl_multi_cleanup() closes.  Six conns, two requests
# each, events in order per conn, exact bytes.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

nl_part multi
nl_start_server
nl_traced curl_multi 6 2 "http://127.0.0.1:$NL_PORT4/delay/300/bytes/3000"
nl_stop_server
nl_check --conns 6 --all server.requests=2 --all server.end=eof \
	--all close=FIN --all unread=0 --all closed_first=client

#!/bin/bash
# libcurl without connection reuse, both ways: the server answers with
# "Connection: close" (it closes first), or the client forbids reuse
# (CURLOPT_FORBID_REUSE: it closes first).  Every transfer is its own conn,
# closed once, with exact byte counts; who closed first matches the server.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

nl_part server-closes
nl_start_server
base=http://127.0.0.1:$NL_PORT4
nl_traced curl_seq "$base/close/bytes/1000" "$base/close/echo@5000" \
	"$base/close/bytes/20000" "$base/close/bytes/0"
nl_stop_server
nl_check --conns 4 --all server.requests=1 --all server.end=server_close \
	--all server.after=eof --all close=FIN --all unread=0

nl_part client-closes
nl_start_server
base=http://127.0.0.1:$NL_PORT4
nl_traced curl_seq --fresh "$base/bytes/1000" "$base/echo@5000" "$base/bytes/20000"
nl_stop_server
nl_check --conns 3 --all server.requests=1 --all server.end=eof \
	--all close=FIN --all unread=0 --all closed_first=client --all n_ev_peer_fin=0

#!/bin/bash
# libcurl with keep-alive: one easy handle, five transfers on one connection,
# idle 1.2 s and 1.1 s between some of them.  The trace must show a single
# conn carrying all the requests (as the server counted them), with exact
# byte counts, a clean close, and one resume event / 'I' letter per idle gap.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

nl_part keepalive
nl_start_server
base=http://127.0.0.1:$NL_PORT4
nl_traced curl_seq "$base/bytes/1000" sleep:1200 "$base/echo@3000" \
	"$base/bytes/70000" "$base/bytes/1" sleep:1100 "$base/bytes/10"
nl_stop_server
nl_check --conns 1 --all server.requests=5 --all resumes=2 \
	--all close=FIN --all unread=0 --all server.end=eof --all history~D \
	--all n_ev_peer_fin=0

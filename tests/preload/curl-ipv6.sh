#!/bin/bash
# The same over IPv6 ([::1]): a keep-alive conn with an idle gap and a
# request that curl sends on the same (reused) conn although the server then closes it, then a clean close and a close with
# unread data on raw sockets.  Addresses must be written [::1]:port.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

nl_part ipv6
nl_start_server
[ "$NL_PORT6" != - ] || nl_skip "no IPv6 loopback (::1) here"
base="http://[::1]:$NL_PORT6"
nl_traced curl_seq "$base/bytes/1000" sleep:1100 "$base/echo@2000" "$base/close/bytes/10"
nl_traced raw_close ::1 "$NL_PORT6" clean unread
nl_stop_server
nl_check --conns 3 --headers 2 --event "ev=established remote=[::1]:$NL_PORT6" \
	--event "ev=close close=RST_UNREAD remote=[::1]:$NL_PORT6"

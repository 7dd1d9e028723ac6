#!/bin/bash
# A close with unread data versus a clean close.  The server sends bytes the
# client never reads: the trace must say close=RST_UNREAD with unread = the
# bytes the server sent unsolicited, and the server must have seen
# ECONNRESET (and, inside the private namespace, tcpdump an RST from the
# client's port).  The clean close must say close=FIN, the server must have
# seen EOF, and no RST may come from that port.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

nl_part unread
nl_start_server
nl_capture_start
nl_traced raw_close 127.0.0.1 "$NL_PORT4" clean unread
rst_ports=$(nl_capture_rst_ports)
nl_stop_server
nl_check --conns 2 --event "ev=close close=RST_UNREAD" --event "ev=close close=FIN"

unread_port=$(nl_ports_expecting close=RST_UNREAD)
clean_port=$(nl_ports_expecting close=FIN)
grep -q "peer=127.0.0.1:$unread_port .* end=reset .*error=ECONNRESET" "$NL_DIR/server.log" ||
	nl_fail "the server did not see ECONNRESET from port $unread_port"
grep -q "peer=127.0.0.1:$clean_port .* end=eof " "$NL_DIR/server.log" ||
	nl_fail "the server did not see a clean EOF from port $clean_port"
if [ -f "$NL_DIR/lo.pcap" ]; then
	echo "RST segments from ports: ${rst_ports:-none}"
	grep -qx "$unread_port" <<<"$rst_ports" ||
		nl_fail "tcpdump saw no RST from the client port $unread_port"
	! grep -qx "$clean_port" <<<"$rst_ports" ||
		nl_fail "tcpdump saw a RST from the cleanly closed port $clean_port"
else
	echo "no capture (not in a private namespace or no tcpdump): server side only"
fi
echo "unread close: RST from port $unread_port; clean close: FIN from port $clean_port"

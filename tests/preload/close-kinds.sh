#!/bin/bash
# Other endings: SO_LINGER 0 (close=RST_LINGER0, the server sees a reset),
# shutdown(SHUT_WR) then read to EOF (a shutdown event, 'H', the server's
# FIN seen), a server that closes first (peer_fin, closed_first=server),
# and a connection left open when the client exits (its established record,
# owed until then, is written at exit; no close record).
. "$(dirname "$0")/lib.sh"
nl_init "$@"

nl_part kinds
nl_start_server
nl_capture_start
nl_traced raw_close 127.0.0.1 "$NL_PORT4" linger0 shutdown peerclose open
rst_ports=$(nl_capture_rst_ports)
nl_stop_server
nl_check --conns 4

linger_port=$(nl_ports_expecting close=RST_LINGER0)
if [ -f "$NL_DIR/lo.pcap" ]; then
	echo "RST segments from ports: ${rst_ports:-none}"
	grep -qx "$linger_port" <<<"$rst_ports" ||
		nl_fail "tcpdump saw no RST from the SO_LINGER 0 port $linger_port"
	[ "$(grep -cvx "$linger_port" <<<"$rst_ports")" = 0 ] ||
		nl_fail "RST segments from other ports: $rst_ports"
fi

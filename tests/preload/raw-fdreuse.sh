#!/bin/bash
# Descriptor numbers used again: after a socket is closed, the same number
# becomes another TCP connection, /dev/null, a never-connected socket, a UDP
# socket, an IPv6 connection.  Each TCP connection is a distinct conn with
# its own exact bytes; the file and the UDP socket leave no trace of bytes.
# Then close_range() on sockets, and every descriptor closed as daemons do:
# later connections must still be traced.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

nl_part fdreuse
nl_start_server
if [ "$NL_PORT6" != - ]; then
	nl_traced raw_fdreuse 127.0.0.1 "$NL_PORT4" ::1 "$NL_PORT6"
	conns=12
else
	echo "no IPv6 loopback: the IPv6 part is skipped"
	nl_traced raw_fdreuse 127.0.0.1 "$NL_PORT4"
	conns=10
fi
nl_stop_server
nl_check --conns "$conns"

#!/bin/bash
# Every data call: write/read, writev/readv, sendmsg/recvmsg, sendto/recvfrom,
# send/recv, a MSG_PEEK (not counted), a zero-length read (not an EOF), and
# multi-megabyte bodies, idle gaps > 1 s.  Bytes must match the server exactly; call counts
# and resumes must match what the client counted.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

nl_part io
nl_start_server
nl_traced raw_io 127.0.0.1 "$NL_PORT4"
nl_stop_server
nl_check --conns 3

#!/bin/bash
# The shim must not change what the program sees: raw_errno runs ~60 odd
# and failing calls (refused connects, calls on closed descriptors and
# non-sockets, NULL and bad arguments, a successful exchange) without and
# with the shim; the outputs (return values, errno names) must be identical.
# The traced run's refused connect must appear as connect_fail ECONNREFUSED.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

# A port with nothing listening: bind one, let it go.
closed_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

nl_part plain
nl_start_server
nl_plain raw_errno 127.0.0.1 "$NL_PORT4" "$closed_port"
nl_stop_server
plain=$NL_DIR/raw_errno.plain.out

nl_part traced
nl_start_server
nl_traced raw_errno 127.0.0.1 "$NL_PORT4" "$closed_port"
nl_stop_server
if ! diff -u "$plain" "$NL_DIR/raw_errno.out"; then
	nl_fail "return values or errno differ with the shim (- without, + with)"
fi
echo "$(wc -l <"$plain") cases identical with and without the shim"
nl_check --conns 1 \
	--event "ev=connect_fail remote=127.0.0.1:$closed_port error=ECONNREFUSED"

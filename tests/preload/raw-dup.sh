#!/bin/bash
# dup, dup2, dup3, fcntl(F_DUPFD[_CLOEXEC]), copies closed in any order,
# dup2 onto a live socket (an implicit close) and of /dev/null over a
# socket: one conn per connection, closed once when its last descriptor
# goes (the client names that descriptor), with all the bytes of all copies.
. "$(dirname "$0")/lib.sh"
nl_init "$@"

nl_part dup
nl_start_server
nl_traced raw_dup 127.0.0.1 "$NL_PORT4"
nl_stop_server
nl_check --conns 7 --all unread=0

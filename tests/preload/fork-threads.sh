#!/bin/bash
# Four threads make 100 connections while the main thread forks 24 children
# that close inherited descriptors, make their own connections (on /child/
# paths) and exit, _exit or exec.  Bounded in time: a hang fails.  The trace
# must be the parent's alone (one header, its pid; no /child/ connection),
# every parent connection closed once with exact bytes, and the exec'd
# children must not have the shim in LD_PRELOAD (NETLIFE_CHILDREN=strip).
. "$(dirname "$0")/lib.sh"
nl_init "$@"
# LeakSanitizer's exit-time check hangs in children forked from a threaded
# process (seen without the shim too): no leak check here.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

nl_part fork
nl_start_server
NL_TIMEOUT=60 nl_traced raw_fork 127.0.0.1 "$NL_PORT4"
nl_stop_server
out=$NL_DIR/raw_fork.out
read -r parent_conns children exec_children < <(
	sed -n 's/^parent_conns=\([0-9]*\) children=\([0-9]*\) exec_children=\([0-9]*\)$/\1 \2 \3/p' "$out")
[ -n "${exec_children:-}" ] || nl_fail "raw_fork did not report its counts"
nl_check --conns "$parent_conns" --ignore-first /child/

absent=$(grep -c '^child-preload=absent$' "$out")
[ "$absent" = "$exec_children" ] ||
	nl_fail "expected $exec_children exec'd children without the shim, found $absent:" \
		"$(grep child-preload "$out")"
at_server=$(grep -c ' first=/child/' "$NL_DIR/server.log")
[ "$at_server" = "$children" ] ||
	nl_fail "expected $children child connections at the server, found $at_server"
echo "$parent_conns parent connections traced; $children children left no trace"

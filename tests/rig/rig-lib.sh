# shellcheck shell=bash
# rig-lib.sh -- sourced by the scripts that drive a real BOINC client in a
# rig (tests/rig/inside-ns.sh, tests/fwrig/client.sh): progress lines,
# waiting on the client's log, starting the client under the shim and
# quitting it.
#
# The caller sets:
#   START_US     the rig's start, µs since the epoch (for progress lines)
#   RIG_SAY      the prefix of progress lines (default "rig")
#   WORK         where client.out (the client's stdout/stderr) goes
#   CLIENT_LOG   the client's log (DATADIR/stdoutdae.txt)
#   SCRATCH      where boinccmd's output goes (boinccmd.out)
#   GUI_PORT, GUI_PASSWORD   the client's GUI RPC port and password
#   RIG_MODE     plain, shim (LD_PRELOAD=RIG_LAUNCHER) or run (RIG_LAUNCHER
#                is netlife-run)
# and gets client_pid (the running client, or '').
client_pid=${client_pid:-}

# One line of progress, stamped with the seconds since the rig started.
say() {
	local us=$(( ${EPOCHREALTIME/./} - START_US ))
	printf '%s: %3d.%01ds  %s\n' "${RIG_SAY:-rig}" $((us / 1000000)) \
		$((us / 100000 % 10)) "$*"
}

fail() {
	say "FAILED: $*"
	exit 1
}

# The client died: say so, with the last words of its output and its log.
client_died() {
	say "FAILED: the client exited while waiting for $1; last output:"
	tail -n 5 "$WORK/client.out" "$CLIENT_LOG" 2> /dev/null | sed 's/^/    /'
	exit 1
}

# True while a process runs (an exited child not yet reaped is a zombie).
alive() {
	local state
	[ -n "$1" ] && read -r _ _ state _ 2>/dev/null < "/proc/$1/stat" &&
		[ "$state" != Z ]
}

# How many lines of the client's log match an extended regex.
client_log_count() {
	local n
	n=$(grep -cE -- "$1" "$CLIENT_LOG" 2>/dev/null)
	echo "${n:-0}"
}

# wait_until SECONDS WHAT COMMAND...: poll COMMAND every 0.1 s until it
# succeeds; fail after SECONDS, at once if COMMAND returns 2 (hopeless) or
# if the client has died.
wait_until() {
	local secs=$1 what=$2 rc
	local deadline=$(( ${EPOCHREALTIME/./} + secs * 1000000 ))
	shift 2
	while :; do
		"$@"; rc=$?
		[ $rc = 0 ] && return 0
		[ $rc = 2 ] && fail "$what: see $CLIENT_LOG"
		[ -n "$client_pid" ] && ! alive "$client_pid" &&
			client_died "$what"
		[ "${EPOCHREALTIME/./}" -gt $deadline ] &&
			fail "timed out after $secs s waiting for $what"
		sleep 0.1
	done
}

# True when something listens on every TCP port given (in this namespace).
listening() {
	local port
	for port; do
		ss -Hltn "sport = :$port" | grep -q . || return 1
	done
}

# Succeeds once N scheduler RPCs have completed; 2 if one failed.
rpcs_completed() {
	[ "$(client_log_count 'Scheduler request failed')" = 0 ] || return 2
	[ "$(client_log_count 'Scheduler request completed')" -ge "$1" ]
}

downloads_finished() {
	[ "$(client_log_count 'Giving up on download')" = 0 ] || return 2
	[ "$(client_log_count 'Finished download of')" -ge "$1" ]
}

client_gone() {
	! alive "$client_pid"
}

gui_rpc() {
	timeout 10 boinccmd --host "127.0.0.1:$GUI_PORT" --passwd "$GUI_PASSWORD" \
		"$@" >> "$SCRATCH/boinccmd.out" 2>&1
}

# The ASan runtime that a sanitizer build of the shim needs preloaded
# before it (ASan insists on coming first; the client has none), or "".
asan_runtime() {
	ldd "$1" 2> /dev/null | awk '/libasan/ {print $3; exit}'
}

# launch_client TRACE CLIENT ARG...: start CLIENT in the background as
# RIG_MODE says, its output in WORK/client.out; sets client_pid and
# launch_how (how it runs, for people).
launch_client() {
	local trace=$1 shim='' asan=''
	shift
	case $RIG_MODE in
	shim)	shim=$RIG_LAUNCHER;;
	run)	shim=$("$RIG_LAUNCHER" --print-shim);;
	esac
	[ -n "$shim" ] && asan=$(asan_runtime "$shim")
	# LeakSanitizer would report the client's own leaks at exit and fail
	# its exit status, which the rig checks.
	[ -n "$asan" ] && export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	case $RIG_MODE in
	shim)	launch_how="LD_PRELOAD=${asan:+$asan }$RIG_LAUNCHER"
		LD_PRELOAD="${asan:+$asan }$RIG_LAUNCHER" NETLIFE_TRACE=$trace \
			"$@" &;;
	run)	launch_how="under $RIG_LAUNCHER${asan:+ (LD_PRELOAD=$asan)}"
		env ${asan:+LD_PRELOAD="$asan"} \
			"$RIG_LAUNCHER" --trace "$trace" -- "$@" &;;
	*)	launch_how=plain
		"$@" &;;
	esac > "$WORK/client.out" 2>&1
	client_pid=$!
}

# On a rig's way out, however it ends: the client quits if it still runs,
# politely, then not.
stop_client() {
	if alive "$client_pid"; then
		gui_rpc --quit
		for _ in {1..50}; do alive "$client_pid" || break; sleep 0.1; done
		kill -KILL "$client_pid" 2>/dev/null
	fi
}

# Ask the client to quit as a user would, and insist on a clean exit.
quit_client() {
	local rc
	gui_rpc --quit || say "boinccmd --quit failed"
	wait_until 15 "the client to quit" client_gone
	wait "$client_pid"
	rc=$?
	client_pid=''
	[ $rc = 0 ] || fail "the client exited with status $rc (see $WORK/client.out)"
	say "client quit"
}

#!/bin/bash
# client.sh -- one client host of the firewall rig: Debian's real BOINC
# client, under netlife-run, attached to the rig's project; run by
# tests/fwrig/inside.sh inside the host's network namespace.  Its traffic
# is the client's own: the first scheduler RPC comes by itself, the
# downloads follow from the work it gets, later RPCs are asked for with
# "boinccmd update" as a user would.
#
# Environment: FW_HOST (the host's label), HOST_DIR (its results), URL and
# SCHED_URL (the project's master and scheduler URLs), SC_RPCS, SC_JOBS,
# SC_PAUSE_BEFORE_RPC2, SC_IDLE_BEFORE_QUIT (scenarios.sh), FW_CA_BUNDLE
# (the CA to trust, for HTTPS, or empty), RIG_SRC, RIG_MODE, RIG_LAUNCHER,
# START_US, FW_CLIENT (the client program, default /usr/bin/boinc),
# FW_CONN_DEBUG (1: <conn_debug> on, for a patched client).
# Leaves in HOST_DIR: trace.txt, data/stdoutdae.txt (the client's log),
# client.out, boinccmd.out; the files holding the account's key are removed.
set -uo pipefail

readonly GUI_PORT=31417 GUI_PASSWORD=fwrig
: "${FW_CLIENT:=/usr/bin/boinc}" "${FW_CONN_DEBUG:=0}"
readonly WORK=$HOST_DIR SCRATCH=$HOST_DIR DATA=$HOST_DIR/data
readonly CLIENT_LOG=$HOST_DIR/data/stdoutdae.txt TRACE=$HOST_DIR/trace.txt
RIG_SAY="fwrig[$FW_HOST]"
. "$RIG_SRC/rig-lib.sh"

# The data dir of tests/rig/make-datadir.sh, with the scheduler URL the
# scenario wants (the master page is never fetched).
make_datadir() {
	local key
	key=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	env ${FW_CA_BUNDLE:+DATADIR_CA_BUNDLE="$FW_CA_BUNDLE"} \
		DATADIR_CLIENT="$FW_CLIENT" DATADIR_CONN_DEBUG="$FW_CONN_DEBUG" \
		"$RIG_SRC/make-datadir.sh" "$DATA" "$URL" "$key" "$GUI_PASSWORD" ||
		fail "cannot make the client's data dir"
	sed -i "s|<scheduler_url>.*</scheduler_url>|<scheduler_url>$SCHED_URL</scheduler_url>|" \
		"$DATA/client_state.xml" || fail "cannot set the scheduler URL"
}

# The real client (FW_CLIENT), under netlife-run: its own traffic is what
# the rig needs.
start_client() {
	launch_client "$TRACE" "$FW_CLIENT" --dir "$DATA" --redirectio \
		--gui_rpc_port "$GUI_PORT" --allow_multiple_clients --no_gpus \
		--skip_cpu_benchmarks --no_info_fetch
	say "client started ($launch_how), pid $client_pid"
}

# RPC 1, the job's downloads, the later RPCs, and the idle time.
run_traffic() {
	local k want=$(( SC_JOBS > 0 ? SC_JOBS + 1 : 0 ))
	wait_until 30 "scheduler RPC 1" rpcs_completed 1
	say "scheduler RPC 1/$SC_RPCS completed"
	if [ $want -gt 0 ]; then
		wait_until 30 "$want downloads" downloads_finished "$want"
		say "$want downloads finished"
	fi
	for ((k = 2; k <= SC_RPCS; k++)); do
		if [ "$k" = 2 ] && [ "$SC_PAUSE_BEFORE_RPC2" != 0 ]; then
			say "idle for $SC_PAUSE_BEFORE_RPC2 s"
			sleep "$SC_PAUSE_BEFORE_RPC2"
		fi
		gui_rpc --project "$URL" update ||
			fail "boinccmd update failed (see $SCRATCH/boinccmd.out)"
		wait_until 30 "scheduler RPC $k" rpcs_completed "$k"
		say "scheduler RPC $k/$SC_RPCS completed"
	done
	if [ "$SC_IDLE_BEFORE_QUIT" != 0 ]; then
		say "idle for $SC_IDLE_BEFORE_QUIT s"
		sleep "$SC_IDLE_BEFORE_QUIT"
	fi
}

# The account's key is in these files; nothing else needs them.
tidy() {
	rm -f "$DATA"/account_*.xml "$DATA"/client_state*.xml \
	      "$DATA"/sched_request_*.xml "$DATA"/slots/*/init_data.xml \
	      "$DATA"/gui_rpc_auth.cfg
}

# On any exit: the client quits (politely, then not), its secrets go.
cleanup() {
	stop_client
	tidy
}

# Data dir, client, its traffic, and a clean exit (checked).
main() {
	trap cleanup EXIT
	trap 'exit 143' TERM HUP
	trap 'exit 130' INT
	mkdir -p "$DATA" || exit 1
	make_datadir
	start_client
	run_traffic
	quit_client
	say "done: $(client_log_count 'Scheduler request completed') scheduler RPCs," \
	    "$(client_log_count 'Finished download of') downloads"
}

main "$@"

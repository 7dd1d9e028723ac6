#!/bin/bash
# inside.sh -- the body of tests/fwrig/run.sh, run as PID 1 of private
# network, mount and PID namespaces: when it ends, however it ends, every
# process of the rig ends, and the rig's named namespaces (a tmpfs on
# /run/netns in the private mount namespace) go with it.
#
# For each scenario: a fresh network (topo.sh), the gateway's firewall and
# recorders (gateway.sh), the project's server and the network's
# misbehaviour (servers.sh), the real client(s) (client.sh), then the
# ground truth (groundtruth.py).  A watchdog ends a scenario that takes
# longer than FW_SCENARIO_LIMIT seconds.
# Settings from run.sh: FW_SRC, FW_WORK, FW_SCENARIOS, RIG_SRC, RIG_BIN,
# RIG_MODE, RIG_LAUNCHER.
set -uo pipefail

readonly START_US=${EPOCHREALTIME/./}
readonly FW_SCENARIO_LIMIT=${FW_SCENARIO_LIMIT:-90}
RIG_SAY=fwrig
WORK=$FW_WORK CLIENT_LOG=/dev/null
. "$RIG_SRC/rig-lib.sh"
. "$FW_SRC/topo.sh"
. "$FW_SRC/gateway.sh"
. "$FW_SRC/servers.sh"
. "$FW_SRC/scenarios.sh"

# The rig's own /run/netns, and the client's slow 32-bit probe answered by
# a stub (tests/rig/file-stub.sh), both in this mount namespace only.
setup_rig() {
	ip link set lo up || fail "cannot bring up lo"
	mkdir -p /run/netns && mount -t tmpfs fwrig-netns /run/netns ||
		fail "cannot mount a private /run/netns"
	install -m 755 "$RIG_SRC/file-stub.sh" "$FW_WORK/.file-stub"
	mount --bind "$FW_WORK/.file-stub" /usr/bin/file ||
		fail "cannot bind-mount the /usr/bin/file stub"
}

# What the scenario was, for the ground truth and for people (no secrets).
describe_scenario() {
	local dir=$1 h
	{
		echo "ID=$2"
		echo "NAME=$SC_NAME"
		echo "TITLE=$SC_TITLE"
		echo "CAUSE=$SC_CAUSE"
		echo "HOSTS=$SC_HOSTS"
		for ((h = 1; h <= SC_HOSTS; h++)); do
			echo "HOST$h=host$h $(client_ip "$h") $(client_ports "$h")"
		done
		echo "SERVER_IP=$SRV_IP"
		echo "NAT_IP=$GW_WAN_IP"
		echo "URL=$URL"
		echo "SCHED_URL=$SCHED_URL"
		echo "GW_TIMEOUTS=$SC_GW_TIMEOUTS"
		echo "SCHED_ARGS=$SC_SCHED_ARGS"
		echo "TLS=$SC_TLS HTTP2=$SC_HTTP2 KEEPALIVE=$SC_KEEPALIVE/$SC_KEEPALIVE_TIMEOUT"
		echo "SERVER_TCP=$SC_SERVER_TCP"
		echo "SERVER_ROUTE=$SC_SERVER_ROUTE"
		echo "SERVER_TBF=$SC_SERVER_TBF"
		echo "SERVER_LOSS=$SC_SERVER_LOSS"
		echo "CLIENT_LOSS=$SC_CLIENT_LOSS"
		echo "OFFSET_ESTIMABLE=$SC_OFFSET_ESTIMABLE"
		echo "MODE=$RIG_MODE"
		echo "CLIENT=$FW_CLIENT"
		echo "CONN_DEBUG=$FW_CONN_DEBUG"
		echo "LAUNCHER=$RIG_LAUNCHER"
	} > "$dir/scenario.env"
}

# Run every client host of the scenario at once; fail if one failed.
run_clients() {
	local dir=$1 h pids=() rc=0 ca=''
	[ "$SC_TLS" = 1 ] && ca=$dir/srv/tls/ca.crt
	for ((h = 1; h <= SC_HOSTS; h++)); do
		mkdir -p "$dir/host$h"
		ip netns exec "$(client_ns "$h")" env FW_HOST="host$h" \
			HOST_DIR="$dir/host$h" URL="$URL" SCHED_URL="$SCHED_URL" \
			SC_RPCS="$SC_RPCS" SC_JOBS="$SC_JOBS" \
			SC_PAUSE_BEFORE_RPC2="$SC_PAUSE_BEFORE_RPC2" \
			SC_IDLE_BEFORE_QUIT="$SC_IDLE_BEFORE_QUIT" FW_CA_BUNDLE="$ca" \
			RIG_SRC="$RIG_SRC" RIG_MODE="$RIG_MODE" RIG_LAUNCHER="$RIG_LAUNCHER" \
			START_US="$START_US" bash "$FW_SRC/client.sh" &
		pids+=($!)
	done
	for h in "${pids[@]}"; do
		wait "$h" || rc=1
	done
	return $rc
}

# Until the server's connections are all closed and no FIN of theirs is
# retransmitted any more (bounded), so that the recorders see every
# segment the scenario provoked.
wait_quiet() {
	local deadline=$(( ${EPOCHREALTIME/./} + SC_QUIET_MAX * 1000000 ))
	while ! srv_quiet; do
		if [ "${EPOCHREALTIME/./}" -gt $deadline ]; then
			say "still $(srv_busy_sockets) busy server sockets after $SC_QUIET_MAX s"
			break
		fi
		sleep 0.2
	done
	sleep 0.5
}

# On a scenario's exit, however it ends: recorders, servers, network.
scenario_cleanup() {
	gw_loggers_stop
	srv_stop
	topo_down
}

# One scenario, start to finish, in DIR (run in a subshell: fail ends it).
run_scenario() {
	local id=$1 dir=$2
	trap scenario_cleanup EXIT
	trap 'exit 143' TERM
	mkdir -p "$dir/gw" "$dir/srv" || exit 1
	srv_urls
	describe_scenario "$dir" "$id"
	say "== scenario $id: $SC_TITLE"
	topo_up "$SC_HOSTS" || fail "cannot build the network"
	gw_firewall "$dir/gw" || fail "cannot load the firewall's ruleset"
	# shellcheck disable=SC2086
	gw_timeouts "$dir/gw" $SC_GW_TIMEOUTS || fail "cannot set conntrack timeouts"
	net_misbehave "$dir/srv" || fail "cannot set up the network's misbehaviour"
	gw_loggers_start "$dir/gw"
	srv_start "$dir/srv" || fail "cannot start the project's server"
	say "gateway $GW_WAN_IP (${SC_GW_TIMEOUTS:-default timeouts}), project at $URL," \
	    "scheduler at $SCHED_URL ${SC_SCHED_ARGS:+($SC_SCHED_ARGS)}"
	run_clients "$dir" || fail "a client failed"
	wait_quiet
	gw_loggers_stop
	srv_stop
	topo_down
	trap - EXIT
	python3 "$FW_SRC/groundtruth.py" "$dir" || fail "the ground truth does not hold"
}

# run_scenario in a subshell, ended by a watchdog if it hangs.
run_guarded() {
	local id=$1 dir pid watchdog rc
	scenario_settings "$id" || fail "no scenario $id"
	dir=$FW_WORK/$SC_NAME
	( run_scenario "$id" "$dir" ) &
	pid=$!
	( sleep "$FW_SCENARIO_LIMIT"; kill -TERM "$pid" 2> /dev/null ) &
	watchdog=$!
	wait "$pid"
	rc=$?
	kill "$watchdog" 2> /dev/null
	wait "$watchdog" 2> /dev/null
	[ $rc = 143 ] && say "scenario $id stopped after $FW_SCENARIO_LIMIT s"
	return $rc
}

# Every scenario asked for, each on its own; fail if any failed.
main() {
	local id failed=()
	setup_rig
	for id in ${FW_SCENARIOS//,/ }; do
		run_guarded "$id" || failed+=("$id")
	done
	rm -f "$FW_WORK/.file-stub"
	if [ ${#failed[@]} -gt 0 ]; then
		say "FAILED scenarios: ${failed[*]}"
		exit 1
	fi
	say "all scenarios done"
}

main "$@"

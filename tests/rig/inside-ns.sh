#!/bin/bash
# inside-ns.sh -- the body of real-client.sh.  real-client.sh runs it as
# PID 1 of private network, mount and PID namespaces, so
#   - the network has only "lo": nothing can leave the machine, and the
#     fixed ports below cannot meet anybody else's;
#   - /usr/bin/file can be replaced by a stub for the client alone;
#   - when this script ends, however it ends, the kernel ends every process
#     the rig started.
# Settings arrive in the environment from real-client.sh (RIG_*).
set -uo pipefail

readonly FRONT_PORT=18080 SCHED_PORT=18081 GUI_PORT=31417
SCHEME=http
[ "$RIG_TLS" = 1 ] && SCHEME=https
readonly SCHEME
readonly URL=$SCHEME://127.0.0.1:$FRONT_PORT/
readonly WORK=$RIG_WORK SCRATCH=$RIG_WORK/scratch DATA=$RIG_WORK/data
readonly CLIENT_LOG=$RIG_WORK/data/stdoutdae.txt TRACE=$RIG_WORK/trace.txt
readonly ACCESS_LOG=$RIG_WORK/nginx-access.log XCHG_LOG=$RIG_WORK/nginx-xchg.log
readonly CANARIES=$RIG_CANARIES
readonly START_US=${EPOCHREALTIME/./}
# canary NAME: the value of one of the planted secrets (xchg-canaries.sh).
canary() {
	"$RIG_SRC/xchg-canaries.sh" get "$CANARIES" "$1"
}

# The account key goes into the data dir only, not into anybody's environment.
if [ -n "$CANARIES" ]; then
	AUTHENTICATOR=$(canary authenticator) || exit 1
	GUI_PASSWORD=$(canary gui_password) || exit 1
else
	AUTHENTICATOR=$RIG_AUTHENTICATOR GUI_PASSWORD=rig
fi
readonly AUTHENTICATOR GUI_PASSWORD
unset RIG_AUTHENTICATOR
client_pid='' nginx_pid='' sched_pid=''

. "$RIG_SRC/rig-lib.sh"

# Succeeds once N input files (not the application) are being downloaded.
input_downloads_started() {
	[ "$(client_log_count 'Started download of rig_in_')" -ge "$1" ]
}

# Loopback up, and the client's slow 32-bit probe answered by a stub.
setup_namespace() {
	ip link set lo up || fail "cannot bring up lo"
	install -m 755 "$RIG_SRC/file-stub.sh" "$SCRATCH/file-stub"
	mount --bind "$SCRATCH/file-stub" /usr/bin/file ||
		fail "cannot bind-mount the /usr/bin/file stub"
}

# RATE (nginx syntax: 128k) in bytes per second.
rate_bytes() {
	local n=${1%[kKmM]}
	case $1 in
	*[kK])	echo $((n * 1024));;
	*[mM])	echo $((n * 1024 * 1024));;
	*)	echo "$n";;
	esac
}

# server_env: the environment for make-project.sh and make-nginx-conf.sh
# (TLS, slow downloads, canaries: see their headers).
set_server_env() {
	local opts=(NGINX_XCHG_LOG="$XCHG_LOG")
	if [ "$RIG_TLS" = 1 ]; then
		"$RIG_SRC/tls-make-certs.sh" "$SCRATCH/tls" ||
			fail "cannot make the TLS certificates"
		opts+=(NGINX_TLS_CERT="$SCRATCH/tls/server.crt"
		       NGINX_TLS_KEY="$SCRATCH/tls/server.key")
		[ "$RIG_HTTP2" = 1 ] && opts+=(NGINX_HTTP2=1)
	fi
	[ -n "$RIG_DOWNLOAD_RATE" ] &&
		opts+=(NGINX_DOWNLOAD_RATE="$RIG_DOWNLOAD_RATE"
		       PROJECT_INPUT_BYTES=$(( $(rate_bytes "$RIG_DOWNLOAD_RATE") * 8 )))
	if [ -n "$CANARIES" ]; then
		canary cookie > "$SCRATCH/cookie"
		opts+=(NGINX_COOKIE_FILE="$SCRATCH/cookie"
		       PROJECT_DOWNLOAD_QUERY="token=$(canary download_token)")
	fi
	server_env=("${opts[@]}")
}

# The fake project: nginx in front, our scheduler behind it.
start_servers() {
	local sched_args=(-p "$SCHED_PORT" -u "$URL" -l "$WORK/scheduler.log")
	local server_env

	mkdir -p "$SCRATCH/nginx"
	set_server_env
	env "${server_env[@]}" "$RIG_SRC/make-project.sh" "$SCRATCH/project" "$URL" \
		"$RIG_JOBS" "$RIG_BIN/codesign" || fail "cannot make the project's files"
	[ "$RIG_JOBS" -gt 0 ] && sched_args+=(-w "$SCRATCH/project/work.xml"
					      -k "$SCRATCH/project/code_sign_public")
	if [ -n "$CANARIES" ]; then
		"$RIG_SRC/xchg-canaries.sh" reply-xml "$CANARIES" "$URL" \
			> "$SCRATCH/reply-extra.xml" || fail "cannot read the canaries"
		sched_args+=(-H "$(canary hostid)" -x "$SCRATCH/reply-extra.xml")
	fi
	env "${server_env[@]}" "$RIG_SRC/make-nginx-conf.sh" "$SCRATCH/nginx" \
		"$SCRATCH/project/www" "$FRONT_PORT" "$SCHED_PORT" \
		"$RIG_KEEPALIVE" "$ACCESS_LOG" "$WORK/nginx-error.log" \
		> "$SCRATCH/nginx/nginx.conf" || fail "cannot write nginx.conf"

	"$RIG_BIN/scheduler" "${sched_args[@]}" 2>> "$WORK/scheduler.log" &
	sched_pid=$!
	nginx -p "$SCRATCH/nginx/" -c "$SCRATCH/nginx/nginx.conf" \
		-e "$WORK/nginx-error.log" > "$SCRATCH/nginx/nginx.out" 2>&1 &
	nginx_pid=$!
	wait_until 10 "nginx and the scheduler to listen" \
		listening "$FRONT_PORT" "$SCHED_PORT"
	say "project at $URL: nginx in front, the scheduler behind it"
}

# The real client, already attached, plain or with the shim.
start_client() {
	local args=(--dir "$DATA" --redirectio --gui_rpc_port "$GUI_PORT"
		    --allow_multiple_clients --no_gpus --skip_cpu_benchmarks
		    --no_info_fetch)
	local datadir_opts=(DATADIR_CLIENT="$RIG_CLIENT")

	[ "$RIG_TLS" = 1 ] && datadir_opts+=(DATADIR_CA_BUNDLE="$SCRATCH/tls/ca.crt")
	[ -n "$CANARIES" ] &&
		datadir_opts+=(DATADIR_PROXY_USER="$(canary proxy_user)"
			       DATADIR_PROXY_PASSWD="$(canary proxy_passwd)"
			       DATADIR_HTTP_DEBUG=1)
	[ "$RIG_CONN_DEBUG" = 1 ] && datadir_opts+=(DATADIR_CONN_DEBUG=1)
	env "${datadir_opts[@]}" "$RIG_SRC/make-datadir.sh" "$DATA" "$URL" \
		"$AUTHENTICATOR" "$GUI_PASSWORD" ||
		fail "cannot make the client's data dir"
	launch_client "$TRACE" "$RIG_CLIENT" "${args[@]}"
	say "client $RIG_CLIENT started ($launch_how), pid $client_pid"
}

# The init RPC comes by itself; each later one is asked for as a user would.
run_rpcs() {
	local k
	wait_until 30 "scheduler RPC 1" rpcs_completed 1
	say "scheduler RPC 1/$RIG_RPCS completed"
	for ((k = 2; k <= RIG_RPCS; k++)); do
		if [ "$k" = 2 ] && [ -n "$RIG_DOWNLOAD_RATE" ]; then
			wait_until 30 "two input downloads to start" \
				input_downloads_started 2
			say "two input downloads started (at $RIG_DOWNLOAD_RATE/s);" \
			    "asking for RPC 2 now"
		fi
		gui_rpc --project "$URL" update ||
			fail "boinccmd update failed (see $SCRATCH/boinccmd.out)"
		wait_until 20 "scheduler RPC $k" rpcs_completed "$k"
		say "scheduler RPC $k/$RIG_RPCS completed"
	done
}

# A job brings the application and one input file per job.
wait_for_downloads() {
	local want=$(( RIG_JOBS > 0 ? RIG_JOBS + 1 : 0 ))
	[ $want -gt 0 ] || return 0
	wait_until 30 "$want downloads" downloads_finished "$want"
	say "$want downloads finished; tasks finished so far:" \
	    "$(client_log_count 'Computation for task .* finished')/$RIG_JOBS"
}

stop_servers() {
	local pid
	for pid in $nginx_pid $sched_pid; do
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	nginx_pid='' sched_pid=''
}

# Unless asked to keep everything, drop the scratch files and every file
# of the data dir that holds the account's authenticator.
tidy() {
	[ "$RIG_KEEP" = 1 ] && return
	rm -rf "$SCRATCH"
	rm -f "$DATA"/account_*.xml "$DATA"/client_state*.xml \
	      "$DATA"/sched_request_*.xml "$DATA"/slots/*/init_data.xml \
	      "$DATA"/gui_rpc_auth.cfg
	# The canaries are also in the scheduler's replies, the preferences
	# and the proxy settings.
	[ -n "$CANARIES" ] &&
		rm -f "$DATA"/sched_reply_*.xml "$DATA"/global_prefs.xml \
		      "$DATA"/cc_config.xml "$DATA"/statistics_*.xml
	return 0
}

# On any exit: the client first (politely, then not), then the servers.
cleanup() {
	stop_client
	stop_servers
	tidy
}

# What this run was, for whoever reads the results (no secrets).
describe_run() {
	cat > "$WORK/rig.env" <<ENV
URL=$URL
FRONT_PORT=$FRONT_PORT
SCHED_PORT=$SCHED_PORT
GUI_PORT=$GUI_PORT
MODE=$RIG_MODE
LAUNCHER=$RIG_LAUNCHER
RPCS=$RIG_RPCS
JOBS=$RIG_JOBS
KEEPALIVE=$RIG_KEEPALIVE
TLS=$RIG_TLS
HTTP2=$RIG_HTTP2
DOWNLOAD_RATE=$RIG_DOWNLOAD_RATE
CANARIES=$([ -n "$CANARIES" ] && echo 1 || echo 0)
CLIENT=$RIG_CLIENT
CONN_DEBUG=$RIG_CONN_DEBUG
ENV
}

main() {
	trap cleanup EXIT
	trap 'exit 143' TERM HUP
	trap 'exit 130' INT
	mkdir -p "$SCRATCH" || exit 1
	describe_run
	setup_namespace
	start_servers
	start_client
	run_rpcs
	wait_for_downloads
	quit_client
	stop_servers
	say "done: $(client_log_count 'Scheduler request completed') scheduler RPCs," \
	    "$(client_log_count 'Finished download of') downloads," \
	    "$(wc -l < "$ACCESS_LOG") requests seen by nginx"
	say "results: $WORK/{data/stdoutdae.txt,nginx-access.log,nginx-xchg.log,scheduler.log$(
	    [ -e "$TRACE" ] && echo ,trace.txt)}"
}

main "$@"

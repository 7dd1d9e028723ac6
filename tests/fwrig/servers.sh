# shellcheck shell=bash
# servers.sh -- sourced by tests/fwrig/inside.sh: the project's server in
# its namespace, and how its network misbehaves.
#
# nginx (tests/rig/make-nginx-conf.sh) serves the master page and the
# downloads on SRV_IP:80, or :443 with TLS (and HTTP/2), and proxies
# /cgi to the scheduler (tests/rig/scheduler) on the server's loopback.
# With SC_SCHED=direct the scheduler listens on SRV_IP:8080 itself and the
# client's scheduler URL points there, so that its misbehaviour (-T, -L)
# reaches the client untouched by nginx.  Both logs name the client's port
# as the server saw it (after masquerading): the rig's ground truth.

readonly SCHED_PORT=8080
srv_pids=()

# The project's master URL and the scheduler URL the client is given.
srv_urls() {
	if [ "$SC_TLS" = 1 ]; then
		URL=https://$SRV_IP/
	else
		URL=http://$SRV_IP/
	fi
	if [ "$SC_SCHED" = direct ]; then
		SCHED_URL=http://$SRV_IP:$SCHED_PORT/cgi
	else
		SCHED_URL=${URL}cgi
	fi
}

# srv_start DIR: project files, certificates, nginx and the scheduler.
srv_start() {
	local dir=$1 port=80 env=() sched=() bind=127.0.0.1
	mkdir -p "$dir/nginx" || return 1
	env+=(NGINX_LISTEN_ADDR="$SRV_IP" NGINX_XCHG_LOG="$dir/nginx-xchg.log"
	      NGINX_KEEPALIVE_TIMEOUT="$SC_KEEPALIVE_TIMEOUT")
	if [ "$SC_TLS" = 1 ]; then
		port=443
		"$RIG_SRC/tls-make-certs.sh" "$dir/tls" "$SRV_IP" || return 1
		env+=(NGINX_TLS_CERT="$dir/tls/server.crt" NGINX_TLS_KEY="$dir/tls/server.key")
		[ "$SC_HTTP2" = 1 ] && env+=(NGINX_HTTP2=1)
	fi
	"$RIG_SRC/make-project.sh" "$dir/project" "$URL" "$SC_JOBS" \
		"$RIG_BIN/codesign" || return 1
	env "${env[@]}" "$RIG_SRC/make-nginx-conf.sh" "$dir/nginx" \
		"$dir/project/www" "$port" "$SCHED_PORT" "$SC_KEEPALIVE" \
		"$dir/nginx-access.log" "$dir/nginx-error.log" \
		> "$dir/nginx/nginx.conf" || return 1
	[ "$SC_SCHED" = direct ] && bind=$SRV_IP
	sched=(-p "$SCHED_PORT" -b "$bind" -u "$URL" -l "$dir/scheduler.log")
	[ "$SC_JOBS" -gt 0 ] && sched+=(-w "$dir/project/work.xml"
					-k "$dir/project/code_sign_public")
	# shellcheck disable=SC2206
	sched+=($SC_SCHED_ARGS)
	ip netns exec "$FW_SRV" "$RIG_BIN/scheduler" "${sched[@]}" \
		2>> "$dir/scheduler.log" &
	srv_pids+=($!)
	ip netns exec "$FW_SRV" nginx -p "$dir/nginx/" -c "$dir/nginx/nginx.conf" \
		-e "$dir/nginx-error.log" > "$dir/nginx/nginx.out" 2>&1 &
	srv_pids+=($!)
	wait_until 10 "nginx and the scheduler to listen" \
		srv_listening "$port" "$SCHED_PORT"
}

# True when the server listens on every port given (in its namespace).
srv_listening() {
	local port
	for port; do
		ip netns exec "$FW_SRV" ss -Hltn "sport = :$port" | grep -q . ||
			return 1
	done
}

# Stop nginx and the scheduler (its misbehaving children end by themselves).
srv_stop() {
	local pid
	for pid in "${srv_pids[@]}"; do
		kill "$pid" 2> /dev/null
		wait "$pid" 2> /dev/null
	done
	srv_pids=()
}

# The server's TCP connections that may still send something: open ones
# (a keep-alive connection the client forgot, a close the server holds
# back) and closed ones whose FIN nobody acknowledged.  The rig waits for
# them before it stops recording.
srv_busy_sockets() {
	ip netns exec "$FW_SRV" ss -Htan state established state syn-recv \
		state close-wait state fin-wait-1 state last-ack state closing |
		grep -c .
}

# True when no server connection may still send anything.
srv_quiet() {
	[ "$(srv_busy_sockets)" = 0 ]
}

# What the scenario does to the network beyond the firewall (SC_* from
# scenarios.sh): the server's TCP settings and its route, a bottleneck on
# its link, and packet loss rules (nft files from tests/fwrig/).
net_misbehave() {
	local dir=$1 h
	# shellcheck disable=SC2086
	[ -n "$SC_SERVER_TCP" ] && { ns_sysctl "$FW_SRV" $SC_SERVER_TCP || return 1; }
	if [ -n "$SC_SERVER_ROUTE" ]; then
		# shellcheck disable=SC2086
		ip -n "$FW_SRV" route change default via "$GW_WAN_IP" $SC_SERVER_ROUTE ||
			return 1
	fi
	if [ -n "$SC_SERVER_TBF" ]; then
		# shellcheck disable=SC2086
		ip netns exec "$FW_SRV" tc qdisc add dev eth0 root tbf $SC_SERVER_TBF ||
			return 1
	fi
	if [ -n "$SC_SERVER_LOSS" ]; then
		ip netns exec "$FW_SRV" nft -f "$FW_SRC/$SC_SERVER_LOSS" || return 1
		cp "$FW_SRC/$SC_SERVER_LOSS" "$dir/"
	fi
	if [ -n "$SC_CLIENT_LOSS" ]; then
		for ((h = 1; h <= SC_HOSTS; h++)); do
			ip netns exec "$(client_ns "$h")" nft -f "$FW_SRC/$SC_CLIENT_LOSS" ||
				return 1
		done
		cp "$FW_SRC/$SC_CLIENT_LOSS" "$dir/"
	fi
	return 0
}

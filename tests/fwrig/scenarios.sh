# shellcheck shell=bash
# scenarios.sh -- sourced by tests/fwrig/inside.sh: what each scenario
# provokes and how.  scenario_settings ID sets the SC_* variables:
#
#   SC_NAME, SC_TITLE      a short name (the results' directory) and a line
#   SC_CAUSE               the cause of every dropped server segment, as the
#                          rig provoked it (the ground truth's, netlife's ids)
#   SC_HOSTS               client hosts behind the gateway (1 or 2)
#   SC_RPCS, SC_JOBS       scheduler RPCs per client (the first comes by
#                          itself, the others by "boinccmd update"); jobs
#                          handed out (each: an application and an input
#                          file to download)
#   SC_PAUSE_BEFORE_RPC2   seconds the client sits idle after its downloads
#                          before RPC 2 is asked for
#   SC_IDLE_BEFORE_QUIT    seconds the client sits idle before it is quit
#   SC_GW_TIMEOUTS         the gateway's conntrack timeouts (NAME=SECONDS)
#   SC_SCHED               direct (the client talks to the scheduler on
#                          port 8080) or nginx (proxied, on nginx's port)
#   SC_SCHED_ARGS          the scheduler's misbehaviour (-T, -L)
#   SC_TLS, SC_HTTP2       HTTPS, and HTTP/2 over it
#   SC_KEEPALIVE, SC_KEEPALIVE_TIMEOUT
#                          nginx keeps idle connections, this long
#   SC_SERVER_TCP          the server's TCP sysctls
#   SC_SERVER_ROUTE        options of the server's default route
#   SC_SERVER_TBF          a token-bucket bottleneck on the server's link
#   SC_SERVER_LOSS, SC_CLIENT_LOSS
#                          nft files (tests/fwrig/) dropping packets on the
#                          way to the server or to the clients
#   SC_QUIET_MAX           seconds to wait, at the end, for the server's
#                          sockets to stop retransmitting
#   SC_OFFSET_ESTIMABLE    1 if a firewall clock's offset can be told from
#                          the dropped segments alone: they came within
#                          milliseconds of the client's close.  Elsewhere
#                          they are late by seconds the client cannot know
#                          (the server's 3 s delay, an idle timeout), and
#                          a capture of dropped packets has no anchor.
#
# The server's tcp_orphan_retries bounds how long a closed socket whose FIN
# nobody acknowledges keeps retransmitting it (each retransmission is one
# more dropped segment), so that every scenario ends in seconds.

# What every scenario has unless it says otherwise.
scenario_defaults() {
	SC_HOSTS=1 SC_RPCS=2 SC_JOBS=1 SC_PAUSE_BEFORE_RPC2=0 SC_IDLE_BEFORE_QUIT=0
	SC_GW_TIMEOUTS='' SC_SCHED=direct SC_SCHED_ARGS='' SC_TLS=0 SC_HTTP2=0
	SC_KEEPALIVE=0 SC_KEEPALIVE_TIMEOUT=75s
	SC_SERVER_TCP='net.ipv4.tcp_orphan_retries=3' SC_SERVER_ROUTE=''
	SC_SERVER_TBF='' SC_SERVER_LOSS='' SC_CLIENT_LOSS='' SC_QUIET_MAX=15
	SC_OFFSET_ESTIMABLE=0
}

# The late FIN of scenario 2 (also the second-host scenario): the
# scheduler closes its side 3 s after the client closed its own, and the
# gateway keeps a half-closed connection for 1 s.
scenario_late_fin() {
	SC_CAUSE=late_fin
	SC_GW_TIMEOUTS='close_wait=1 fin_wait=1'
	SC_SCHED_ARGS='-L 3000'
}

# The idle keep-alive connection of scenarios 4 and 5: nginx closes a
# connection after 9 s without a request; the gateway forgets an
# established connection after 6 s without a packet, so the server's FIN
# (and, over TLS, its close_notify) comes to a gateway that no longer knows
# the connection, while the client keeps the connection cached.  (The
# client starts its downloads about 3 s after the RPC that brought the
# work, on the RPC's connection when it can: well within 6 s.)
scenario_idle_close() {
	SC_CAUSE=idle_closed
	SC_GW_TIMEOUTS='established=6'
	SC_KEEPALIVE=1 SC_KEEPALIVE_TIMEOUT=9s
}

# The SC_* settings of scenario ID (1..5, 2h); false for another ID.
scenario_settings() {
	scenario_defaults
	case $1 in
	1)	SC_NAME=s1-rst-unread SC_CAUSE=rst_unread
		SC_TITLE="the client closes a connection with unread data (RST) while the server is still sending"
		# The scheduler sends 256 KB past each reply's Content-Length;
		# the client stops reading at the end of the reply and closes,
		# its kernel sends RST, and the gateway forgets the connection
		# at once (CLOSE timeout 0); what the server had already queued
		# behind its 10 Mbit/s bottleneck (20 ms of queue, about 17
		# segments) arrives after that.
		SC_GW_TIMEOUTS='close=0'
		SC_SCHED_ARGS='-T 262144'
		SC_SERVER_TCP+=' net.ipv4.tcp_sack=0 net.ipv4.tcp_reordering=300'
		SC_SERVER_TCP+=' net.ipv4.tcp_recovery=0 net.ipv4.tcp_early_retrans=0'
		SC_SERVER_ROUTE='initcwnd 64'
		SC_SERVER_TBF='rate 10mbit burst 8kb latency 20ms'
		SC_CLIENT_LOSS=loss-first-segment.nft
		SC_OFFSET_ESTIMABLE=1;;
	2)	SC_NAME=s2-late-fin
		SC_TITLE="the server's FIN arrives after the gateway's half-closed timeout"
		scenario_late_fin;;
	3)	SC_NAME=s3-fin-retransmit SC_CAUSE=fin_retransmit
		SC_TITLE="a lost final ACK makes the server retransmit its FIN after the state expired"
		# The scheduler closes as soon as the client has; the client's
		# final ACK is lost; the gateway keeps TIME_WAIT for 1 s, while
		# the server's FIN retransmissions back off (0.2, 0.4, 0.8, 1.6,
		# 3.2 s): the ones 1.6 and 3.2 s after the previous are dropped.
		SC_GW_TIMEOUTS='time_wait=1'
		SC_SCHED_ARGS='-L 0'
		SC_SERVER_TCP='net.ipv4.tcp_orphan_retries=5'
		SC_SERVER_LOSS=loss-final-ack.nft;;
	4)	SC_NAME=s4-idle-keepalive
		SC_TITLE="an idle keep-alive connection: the server closes it, the client notices only later"
		scenario_idle_close
		# The downloads' connections idle in the client's cache; RPC 2
		# (straight to the scheduler) runs while nginx closes them.
		SC_PAUSE_BEFORE_RPC2=7;;
	5)	SC_NAME=s5-https-http2
		SC_TITLE="HTTPS over HTTP/2: one connection carries the RPC and the downloads, then idles"
		scenario_idle_close
		SC_SCHED=nginx SC_TLS=1 SC_HTTP2=1 SC_RPCS=1 SC_JOBS=2
		SC_IDLE_BEFORE_QUIT=13;;
	2h)	SC_NAME=s2h-two-hosts
		SC_TITLE="two client hosts behind the same gateway (late FINs on both)"
		scenario_late_fin
		SC_HOSTS=2 SC_JOBS=0;;
	*)	return 1;;
	esac
}

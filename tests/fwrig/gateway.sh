# shellcheck shell=bash
# gateway.sh -- sourced by tests/fwrig/inside.sh: the gateway's stateful
# firewall, its conntrack timeouts, and what it records.
#
# The firewall drops and logs, in both directions, TCP segments that
# conntrack puts in state NEW without being a SYN, and INVALID ones; both
# go through "log group" to ulogd2 (netlink, inside the gateway's
# namespace): group 1 as kernel-LOG-style text (LOGEMU), group 2 as a pcap
# of the dropped packets.  No kernel log: that would need the host-wide
# nf_log_all_netns, which the rig never touches.
# Ground truth, independent of the firewall's log: tcpdump on both sides
# of the gateway (everything that passed or arrived) and conntrack's events
# (which client address and port each masqueraded connection had).

readonly GW_LOG_TEXT=nflog.txt GW_LOG_PCAP=nflog.pcap
gw_pids=()

# The statement that logs a packet to both of ulogd2's groups and drops it.
log_drop() {
	printf 'log group 1 prefix "%s" log group 2 prefix "%s" drop' "$1" "$1"
}

# Write and load the ruleset (kept in DIR for whoever reads the results).
gw_firewall() {
	local dir=$1 newnotsyn invalid
	newnotsyn=$(log_drop "NEW not SYN? ")
	invalid=$(log_drop "INVALID ")
	cat > "$dir/gateway.nft" <<NFT
table inet fwrig {
  chain forward {
    type filter hook forward priority filter; policy drop;
    ct state established,related accept
    ct state new tcp flags & (fin|syn|rst|ack) != syn $newnotsyn
    ct state invalid $invalid
    iifname "lan0" ct state new accept
    $(log_drop "DROP-FWD ")
  }
  # Late segments for the masquerading address, with no state left to
  # translate them back, are addressed to the gateway itself.
  chain input {
    type filter hook input priority filter; policy drop;
    iifname "lo" accept
    ct state established,related accept
    ct state new tcp flags & (fin|syn|rst|ack) != syn $newnotsyn
    ct state invalid $invalid
    $(log_drop "DROP-IN ")
  }
}
table ip fwrig_nat {
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "wan0" masquerade
  }
}
NFT
	ip netns exec "$FW_GW" nft -f "$dir/gateway.nft"
}

# gw_timeouts DIR NAME=SECONDS...: conntrack's TCP timeouts, in the
# gateway's namespace only (nf_conntrack_tcp_timeout_NAME), recorded in
# DIR/timeouts.txt with the defaults they replace.
gw_timeouts() {
	local dir=$1 kv key old
	shift
	: > "$dir/timeouts.txt"
	for kv; do
		key=net.netfilter.nf_conntrack_tcp_timeout_${kv%%=*}
		old=$(ip netns exec "$FW_GW" sysctl -n "$key") || return 1
		ns_sysctl "$FW_GW" "$key=${kv#*=}" || return 1
		echo "$key = ${kv#*=} (was $old)" >> "$dir/timeouts.txt"
	done
}

# ulogd2's configuration: group 1 to the text file, group 2 to the pcap,
# both written at once (sync), so nothing is lost when the rig stops it.
gw_ulogd_conf() {
	local dir=$1
	cat <<CONF
[global]
logfile="$dir/ulogd.log"
loglevel=3
stack=log1:NFLOG,base1:BASE,ifi1:IFINDEX,ip2str1:IP2STR,print1:PRINTPKT,emu1:LOGEMU
stack=log2:NFLOG,base2:BASE,pcap1:PCAP

[log1]
group=1

[log2]
group=2

[emu1]
file="$dir/$GW_LOG_TEXT"
sync=1

[pcap1]
file="$dir/$GW_LOG_PCAP"
sync=1
CONF
}

# True once a file has a line matching an extended regex (false, not
# hopeless, while the file does not exist yet).
file_says() {
	grep -qE -- "$2" "$1" 2> /dev/null || return 1
}

# gw_recorder DIR NAME COMMAND...: a recorder in the gateway's namespace,
# its stderr in DIR/NAME.err.
gw_recorder() {
	local dir=$1 name=$2
	shift 2
	ip netns exec "$FW_GW" "$@" 2> "$dir/$name.err" &
	gw_pids+=($!)
}

# Start ulogd2, the two captures and conntrack's event log; wait until
# they record.
gw_loggers_start() {
	local dir=$1 cap
	gw_ulogd_conf "$dir" > "$dir/ulogd.conf"
	: > "$dir/$GW_LOG_TEXT"
	gw_recorder "$dir" ulogd ulogd -c "$dir/ulogd.conf"
	for cap in wan lan; do
		gw_recorder "$dir" "tcpdump-$cap" tcpdump -i "${cap}0" -n -U -s 128 \
			-w "$dir/$cap.pcap" tcp
	done
	ip netns exec "$FW_GW" conntrack -E -p tcp -o timestamp,id \
		> "$dir/ct-events.txt" 2> "$dir/conntrack.err" &
	gw_pids+=($!)
	wait_until 10 "ulogd2 to start" file_says "$dir/ulogd.log" 'entering main loop' &&
	wait_until 10 "the WAN capture" file_says "$dir/tcpdump-wan.err" 'listening on' &&
	wait_until 10 "the LAN capture" file_says "$dir/tcpdump-lan.err" 'listening on'
}

# Stop the recorders so that their files are complete (SIGTERM: they
# flush and exit; SIGINT is ignored by a background job of a script).
gw_loggers_stop() {
	local pid
	for pid in "${gw_pids[@]}"; do
		kill -TERM "$pid" 2> /dev/null
	done
	for pid in "${gw_pids[@]}"; do
		wait "$pid" 2> /dev/null
	done
	gw_pids=()
}

# shellcheck shell=bash
# topo.sh -- sourced by tests/fwrig/inside.sh: the firewall rig's network.
#
#   fwc1 (client, host1) 192.168.77.10 eth0 --+
#   fwc2 (client, host2) 192.168.77.11 eth0 --+-- lan0 (bridge) 192.168.77.1
#                                                 fwg: the gateway (routing,
#                                                 masquerade, stateful firewall)
#   fws (server) 203.0.113.20 eth0 -------------- wan0 203.0.113.1
#
# All named network namespaces live in the rig's private mount namespace
# (a tmpfs on /run/netns), so the host never sees them, and die with it.
# Every sysctl is written inside one of them (ip netns exec NS sysctl),
# never in the host's own namespace.

readonly FW_GW=fwg FW_SRV=fws
readonly GW_LAN_IP=192.168.77.1 GW_WAN_IP=203.0.113.1 SRV_IP=203.0.113.20

# Client host N's namespace and address (host1: fwc1, 192.168.77.10).
client_ns() { echo "fwc$1"; }
client_ip() { echo "192.168.77.$((9 + $1))"; }
# Disjoint ephemeral port ranges: masquerading keeps every client's port,
# so the gateway's DPT= is the client's own port (tests/fwrig/README in
# docs/firewall-rig.md says why).
client_ports() {
	case $1 in
	1) echo "32768 45999";;
	*) echo "46000 60999";;
	esac
}

# ns_sysctl NS KEY=VALUE...: set sysctls in one namespace only.
ns_sysctl() {
	local ns=$1
	shift
	ip netns exec "$ns" sysctl -qw "$@"
}

# A namespace with loopback up and no IPv6 (no router solicitations or
# multicast reports in the firewall's log).
ns_new() {
	ip netns add "$1" || return 1
	ns_sysctl "$1" net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1 || return 1
	ip -n "$1" link set lo up
}

# MTU-sized segments in logs and captures: a veth would otherwise pass
# 64 KB GSO super-segments (LEN=47836) through the firewall.
no_gso() {
	ip -n "$1" link set "$2" gso_max_segs 1
}

# topo_up HOSTS: the namespaces, links, addresses and routes for HOSTS
# client hosts (1 or 2).
topo_up() {
	local hosts=$1 h ns
	ns_new "$FW_GW" && ns_new "$FW_SRV" || return 1
	ip -n "$FW_GW" link add lan0 type bridge &&
		ip -n "$FW_GW" addr add "$GW_LAN_IP/24" dev lan0 &&
		ip -n "$FW_GW" link set lan0 up || return 1
	for ((h = 1; h <= hosts; h++)); do
		ns=$(client_ns "$h")
		ns_new "$ns" || return 1
		ip link add eth0 netns "$ns" type veth peer name "lan0p$h" netns "$FW_GW" &&
			ip -n "$FW_GW" link set "lan0p$h" master lan0 up &&
			ip -n "$ns" addr add "$(client_ip "$h")/24" dev eth0 &&
			ip -n "$ns" link set eth0 up &&
			ip -n "$ns" route add default via "$GW_LAN_IP" || return 1
		no_gso "$ns" eth0 && no_gso "$FW_GW" "lan0p$h" || return 1
		# shellcheck disable=SC2046
		ns_sysctl "$ns" net.ipv4.ip_local_port_range="$(client_ports "$h")" ||
			return 1
	done
	ip link add eth0 netns "$FW_SRV" type veth peer name wan0 netns "$FW_GW" &&
		ip -n "$FW_GW" addr add "$GW_WAN_IP/24" dev wan0 &&
		ip -n "$FW_GW" link set wan0 up &&
		ip -n "$FW_SRV" addr add "$SRV_IP/24" dev eth0 &&
		ip -n "$FW_SRV" link set eth0 up &&
		ip -n "$FW_SRV" route add default via "$GW_WAN_IP" || return 1
	no_gso "$FW_SRV" eth0 && no_gso "$FW_GW" wan0 || return 1
	ns_sysctl "$FW_GW" net.ipv4.ip_forward=1
}

# The rig's namespaces that exist now.
topo_namespaces() {
	ip netns list 2> /dev/null | awk '$1 ~ /^fw(g|s|c[0-9]+)$/ {print $1}'
}

# Stop every process in the rig's namespaces (TERM, then KILL), then
# delete them.  Only the rig's own processes can be in them.
topo_down() {
	local ns pids
	for ns in $(topo_namespaces); do
		pids=$(ip netns pids "$ns" 2> /dev/null)
		[ -n "$pids" ] && kill -TERM $pids 2> /dev/null
	done
	for _ in {1..20}; do
		pids=''
		for ns in $(topo_namespaces); do
			pids+=$(ip netns pids "$ns" 2> /dev/null)
		done
		[ -z "$pids" ] && break
		sleep 0.1
	done
	for ns in $(topo_namespaces); do
		pids=$(ip netns pids "$ns" 2> /dev/null)
		[ -n "$pids" ] && kill -KILL $pids 2> /dev/null
		ip netns del "$ns"
	done
}

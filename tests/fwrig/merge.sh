#!/bin/bash
# merge.sh -- netlife merge of one firewall-rig scenario: every client
# host's trace and event log (labelled host1, host2), and one of the
# gateway's records of the dropped packets.
#
# usage: merge.sh SCENARIO_DIR text|pcap|pcap-offset OUT [NETLIFE_MERGE_ARG...]
#
#   text         the firewall's text log (ulogd2 LOGEMU: gw/nflog.txt)
#   pcap         its pcap of the dropped packets (gw/nflog.pcap)
#   pcap-offset  that pcap with every stamp moved by FW_CLOCK_OFFSET
#                seconds (default 37.25: the gateway's clock ahead of the
#                client's), written to gw/nflog-offset.pcap
# The firewall source used is printed on standard output (check.py needs
# it).  NETLIFE is the netlife program (default: $top_builddir/netlife,
# else netlife on PATH).  Exits with netlife's status.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 3 ] || { sed -n 's/^# usage: //p' "$0" >&2; exit 2; }
scen=$1 variant=$2 out=$3
shift 3
netlife=${NETLIFE:-${top_builddir:+$top_builddir/netlife}}
[ -n "$netlife" ] && [ -x "$netlife" ] || netlife=$(command -v netlife) ||
	{ echo "merge.sh: no netlife program (set NETLIFE)" >&2; exit 2; }

inputs=()
for dir in "$scen"/host*/; do
	host=$(basename "$dir")
	inputs+=(--trace "$host=${dir}trace.txt" --log "$host=${dir}data/stdoutdae.txt")
done
case $variant in
text)	source=$scen/gw/nflog.txt
	inputs+=(--fw "$source");;
pcap)	source=$scen/gw/nflog.pcap
	inputs+=(--pcap "$source");;
pcap-offset)
	source=$scen/gw/nflog-offset.pcap
	python3 "$here/fwpcap.py" shift "$scen/gw/nflog.pcap" "$source" \
		"${FW_CLOCK_OFFSET:-37.25}" || exit 1
	inputs+=(--pcap "$source");;
*)	echo "merge.sh: no variant $variant (text, pcap, pcap-offset)" >&2; exit 2;;
esac
echo "$source"
"$netlife" merge "$@" -o "$out" "${inputs[@]}"

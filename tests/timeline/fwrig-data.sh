#!/bin/sh
# fwrig-data.sh -- attribution on data captured from the firewall rig
# (tests/fwrig/run.sh, one run kept in tests/timeline/data/fwrig/): each
# scenario's traces, client logs and the gateway's ulogd2 text log and
# pcap, with the rig's ground truth (from captures on both sides of the
# gateway, conntrack events and the server's logs, never from netlife).
# The same checks as the live rig (tests/fwrig/check.py): every dropped
# server segment attributed to the right host, connection, exchange and
# cause, none to a wrong one; from the text log, from the pcap, and from
# the pcap with the gateway's clock moved by 37.25 s (given, and estimated
# where the scenario allows). Runs anywhere, in seconds.
set -eu
NETLIFE=${NETLIFE:-${top_builddir:-.}/netlife}
src=${top_srcdir:-.}
[ -x "$NETLIFE" ] || { echo "SKIP: no $NETLIFE"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: python3 needed for the checks"; exit 77; }
export NETLIFE
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp -R "$src/tests/timeline/data/fwrig" "$dir/"
chmod -R u+w "$dir"
fw=$src/tests/fwrig
failed=0
check() {	# check SCENARIO_DIR VARIANT TAG [MERGE ARGS] -- [CHECK ARGS]
	scen=$1 variant=$2 tag=$3
	shift 3
	margs=""
	while [ $# -gt 0 ] && [ "$1" != -- ]; do margs="$margs $1"; shift; done
	[ $# -gt 0 ] && shift
	echo "-- $(basename "$scen"): $tag"
	# shellcheck disable=SC2086
	source=$(FW_CLOCK_OFFSET=37.25 bash "$fw/merge.sh" "$scen" "$variant" "$scen/$tag.jsonl" \
		--format jsonl --tz UTC $margs) || { echo "FAIL: merge"; failed=1; return; }
	python3 "$fw/check.py" "$scen" "$scen/$tag.jsonl" "$source" "$@" || failed=1
}
n=0
for scen in "$dir"/fwrig/s*/; do
	scen=${scen%/}
	n=$((n + 1))
	check "$scen" text text
	check "$scen" pcap pcap
	check "$scen" pcap-offset offset-given --clock-offset 37.25 -- --offset 37.25
	if grep -q '^OFFSET_ESTIMABLE=1' "$scen/scenario.env"; then
		check "$scen" pcap-offset offset-estimated -- --offset 37.25
	fi
done
[ "$n" -ge 6 ] || { echo "FAIL: only $n scenarios in the data"; exit 1; }
[ $failed = 0 ] || { echo "FAIL: see above"; exit 1; }
echo "PASS: $n scenarios of captured rig data attributed as the rig provoked them"

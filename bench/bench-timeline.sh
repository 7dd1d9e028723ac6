#!/bin/bash
# The timeline tool's speed on a big firewall log, side by side in one run
# with what a volunteer would use instead: grep -c (how fast the file can be
# read at all) and an awk extraction of time, ports and flags (the usual
# "script it" alternative). The log is kernel-LOG lines (gen-fwlog), about
# 1 in 100 the late segments of a trace's 2000 connections; netlife does
# the whole job: parse, filter, attribute, explain, write the timeline.
# Writes $BENCH_WORKDIR/timeline.{grep,awk,netlife} (seconds, one per round).
# Usage: bench-timeline.sh BYTES ROUNDS
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/bench-lib.sh"
bytes=$1 rounds=$2
w=$BENCH_WORKDIR
netlife=$BENCH_NETLIFE
log=$w/fw.log
note "timeline: making a $bytes-byte kernel-LOG file"
"$BENCH_BIN/gen-fwlog" "$bytes" "$log" "$w/fw-trace.txt" 2>/dev/null
cat "$log" >/dev/null	# all three read it from the page cache

# Seconds of wall time of one command (output to a file: GNU grep skips
# the work when its output is /dev/null).
wall() {
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >"$w/out" 2>/dev/null
	t1=$(date +%s.%N)
	calc "$t1 - $t0"
}

# shellcheck disable=SC2016  # awk's own $i
awk_prog='{ s = d = f = ""
	for (i = 1; i <= NF; i++) {
		if ($i ~ /^SPT=/) s = substr($i, 5)
		else if ($i ~ /^DPT=/) d = substr($i, 5)
		else if ($i ~ /^(ACK|PSH|FIN|RST|SYN|URG)$/) f = f $i
	}
	print $1, $2, $3, s, d, f }'
: >"$w/timeline.grep"; : >"$w/timeline.awk"; : >"$w/timeline.netlife"
for r in $(seq "$rounds"); do
	note "timeline: round $r/$rounds"
	echo "$r $(wall grep -c DPT= "$log")" >>"$w/timeline.grep"
	echo "$r $(wall awk "$awk_prog" "$log")" >>"$w/timeline.awk"
	echo "$r $(wall "$netlife" merge --tz Europe/Berlin -o "$w/tl.txt" "$w/fw-trace.txt" "$log")" \
	    >>"$w/timeline.netlife"
done
grep -c ' LATE ' "$w/tl.txt" >"$w/timeline.late"
wc -l <"$log" >"$w/timeline.lines"
rm -f "$log" "$w/out"

#!/bin/bash
# Print the benchmarks' table from the samples in $BENCH_WORKDIR (written by
# bench-curl.sh and bench-callgrind.sh), with each target and its verdict.
#
# Usage: report.sh NETWORK-DESCRIPTION   (environment as for run-all.sh)
set -eu
. "$(dirname "$0")/bench-lib.sh"

w=$BENCH_WORKDIR

# A variant's label in the tables.
label() {
	case $1 in
	none)		echo "none" ;;
	none2)		echo "none, again (noise)" ;;
	shim)		echo "shim (libnetlife.so)" ;;
	strace)		echo "strace -f" ;;
	strace-seccomp)	echo "strace --seccomp-bpf (*)" ;;
	esac
}

# The rows of a libcurl benchmark NAME: each variant's runs, median and
# minimum wall time, then its wall and CPU time compared with "none" in the
# same rounds by the function COMPARE (ratio_cell or added_cell).
# Usage: curl_section NAME COMPARE UNIT SCALE (SCALE: us per UNIT)
curl_section() {
	name=$1 compare=$2 unit=$3 scale=$4
	for v in none shim none2 strace strace-seccomp; do
		[ -s "$w/$name.$v" ] || continue
		read -r runs median min _ \
		    <<< "$(awk '{ print $2 }' "$w/$name.$v" | stats)"
		printf '   %-26s %4d %11s %11s  %-15s %s\n' \
		    "$(label "$v")" "$runs" \
		    "$(printf '%.3f %s' "$(calc "$median / $scale")" "$unit")" \
		    "$(printf '%.3f %s' "$(calc "$min / $scale")" "$unit")" \
		    "$("$compare" "$name" "$v" 2)" "$("$compare" "$name" "$v" 3)"
	done
	traced_line "$(cat "$w/$name.traced")" "in its first run"
}

# Download: wall or CPU time over that of "none" in the same round; the
# shim's wall-time target is 1.02.
ratio_cell() {
	r=$(paired_median "$w/$1.$2" "$w/$1.none" "$3" ratio)
	if [ "$2" = shim ] && [ "$3" = 2 ]; then
		printf '%.3f (%s)' "$r" "$(verdict "$r" 1.02)"
	else
		printf '%.3f' "$r"
	fi
}

# Exchanges: wall or CPU us added per exchange, against "none" in the same
# round; the shim's wall-time target is 10 us.
added_cell() {
	d=$(paired_median "$w/$1.$2" "$w/$1.none" "$3" diff)
	a=$(calc "$d / $BENCH_EXCHANGES")
	if [ "$2" = shim ] && [ "$3" = 2 ]; then
		printf '%+.1f (%s)' "$a" "$(verdict "$a" 10)"
	else
		printf '%+.1f' "$a"
	fi
}

# Say how many connections the shim traced (ev=close lines), and warn when
# it traced none: then it was inert and its figures say nothing about it.
traced_line() {
	echo "   the shim traced $1 connection(s) $2 (ev=close lines)"
	[ "$1" -gt 0 ] ||
		echo "   WARNING: no trace: the shim was inert; its figures" \
		    "measure nothing of netlife"
}

# One hot-path row: counts per call and the shim's cost over pass-through,
# against a target when the row has one.
hotpath_row() {
	name=$1 text=$2 target=$3
	[ -f "$w/hotpath.shim.$name" ] || return 0
	a=$(cat "$w/hotpath.none.$name")
	b=$(cat "$w/hotpath.passthrough.$name")
	c=$(cat "$w/hotpath.shim.$name")
	d=$(calc "$c - $b")
	printf '   %-36s %9.1f %11.1f %9.1f %+12.1f' "$text" "$a" "$b" "$c" "$d"
	[ -z "$target" ] ||
		printf '   target <= %d: %s' "$target" "$(verdict "$d" "$target")"
	echo
}

# The hot-path table.
hotpath_section() {
	printf '   %-36s %9s %11s %9s %12s\n' "call" none passthrough shim \
	    "shim - pass."
	hotpath_row send "send, tracked TCP, steady (**)" 40
	hotpath_row recv "recv, tracked TCP, steady (**)" 40
	hotpath_row write "write, pipe (not a socket)" 15
	hotpath_row read "read, pipe (not a socket)" 15
	hotpath_row send_turn "send, tracked TCP, every call a turn" ""
	hotpath_row recv_turn "recv, tracked TCP, every call a turn" ""
	hotpath_row exchange "one exchange, fresh conn. (***)" ""
	echo "   (**) in turns of $BENCH_HOTPATH_BATCH calls each way, the" \
	    "first call of each turn included"
	traced_line "$(cat "$w/hotpath.send.traced")" "in socket mode"
	[ ! -f "$w/hotpath.exchange.traced" ] || {
		echo "   (***) all of bench-client's instructions per exchange" \
		    "(100 and 300 exchanges)"
		traced_line "$(cat "$w/hotpath.exchange.traced")" \
		    "in 300 exchanges"
	}
}

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo "netlife speed benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, Linux $(uname -r)"
echo "network: $1"
if [ -n "${BENCH_CLIENT_CPU:-}" ]; then
	echo "cpus:    download: server on CPU $BENCH_SERVER_CPU, client on" \
	    "CPU $BENCH_CLIENT_CPU (taskset); the rest not pinned"
else
	echo "cpus:    not pinned"
fi
echo "shim:    $BENCH_SHIM"
if [ -f "$w/download.none" ]; then
	echo
	echo "1. Download of $BENCH_DOWNLOAD_BYTES bytes through libcurl from a" \
	    "local server, one connection"
	echo "   (time of the transfer in the client; rounds interleave the variants)"
	printf '   %-26s %4s %11s %11s  %-15s %s\n' variant runs "wall median" \
	    "wall min" "wall / none" "cpu / none"
	curl_section download ratio_cell s 1000000
	echo "   target: shim wall / none <= 1.02 (median of per-round ratios)"
fi
if [ -f "$w/exchanges.none" ]; then
	echo
	echo "2. $BENCH_EXCHANGES sequential exchanges ($BENCH_EXCHANGE_BYTES-byte" \
	    "replies), a fresh connection each"
	echo "   (time of all exchanges in the client; rounds interleave the variants)"
	printf '   %-26s %4s %11s %11s  %-15s %s\n' variant runs "wall median" \
	    "wall min" "wall us/exch." "cpu us/exch. (added to none's)"
	curl_section exchanges added_cell ms 1000
	echo "   target: shim adds <= 10 us of wall time per exchange" \
	    "(median of per-round differences)"
fi
if [ -f "$w/download.strace-seccomp" ] ||
    [ -f "$w/exchanges.strace-seccomp" ]; then
	echo
	echo "(*) strace --seccomp-bpf -f -e trace=%network,read,write,close:" \
	    "only the calls a"
	echo "    connection tracer needs stop the process (with no -e filter" \
	    "the flag does nothing)"
fi
if [ -f "$w/hotpath.none.send" ]; then
	echo
	echo "3. Hot path: instructions per call, callgrind" \
	    "(count(N2) - count(N1)) / (N2 - N1), N1=$BENCH_HOTPATH_N1" \
	    "N2=$BENCH_HOTPATH_N2"
	hotpath_section
fi
if [ -f "$w/timeline.netlife" ]; then
	echo
	echo "4. Timeline: a $(calc "$BENCH_TIMELINE_BYTES / 1048576") MiB kernel-LOG firewall log" \
	    "($(cat "$w/timeline.lines") lines, $(cat "$w/timeline.late") late segments of 2000" \
	    "connections), wall seconds, page cache warm"
	printf '   %-44s %8s %8s %8s\n' "" median min max
	for v in grep awk netlife; do
		set -- $(awk '{ print $2 }' "$w/timeline.$v" | stats)
		label=$v
		case $v in
		grep) label="grep -c DPT= (reading the file)" ;;
		awk) label="awk: time, ports, flags of every line" ;;
		netlife) label="netlife merge (parse, attribute, explain)" ;;
		esac
		printf '   %-44s %8.3f %8.3f %8.3f\n' "$label" "$2" "$3" "$4"
	done
	vs_grep=$(paired_median "$w/timeline.netlife" "$w/timeline.grep" 2 ratio)
	awk_vs=$(paired_median "$w/timeline.awk" "$w/timeline.netlife" 2 ratio)
	echo "   netlife / grep -c: $vs_grep (target <= 1.5: $(verdict "$vs_grep" 1.5));" \
	    "awk / netlife: $awk_vs (target >= 5: $(verdict 5 "$awk_vs"))"
fi

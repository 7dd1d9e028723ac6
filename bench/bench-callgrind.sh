#!/bin/bash
# The hot-path benchmark: callgrind counts the instructions of each measured
# call of bench-hotpath (--toggle-collect on the one function that makes
# it), once with N1 and once with N2 calls, so that whatever happens once
# (lazy binding, the shim's first-call set-up) cancels out:
#   per call = (count(N2) - count(N1)) / (N2 - N1).
# Variants: none (no preload), passthrough (bench/passthrough_shim.so, the
# cost of interposition itself) and shim (libnetlife.so).
# Socket calls are measured in turns of BENCH_HOTPATH_BATCH calls each way
# (the steady state of a transfer) and in turns of 1 (every call changes
# direction: the shim's "turn" path, once per request or response in real
# traffic).  A last row counts a whole libcurl exchange on a fresh
# connection with bench-client and bench-server (100 and 300 exchanges, all
# of main()).  Writes the per-call counts to
# $BENCH_WORKDIR/hotpath.VARIANT.ROW.
#
# Environment (set by run-all.sh): BENCH_BIN BENCH_SHIM BENCH_PASSTHROUGH
#   BENCH_WORKDIR BENCH_HOTPATH_N1 BENCH_HOTPATH_N2 BENCH_HOTPATH_BATCH
#   BENCH_RUN_TIMEOUT BENCH_EXCHANGE_BYTES
set -eu
. "$(dirname "$0")/bench-lib.sh"

n1=$BENCH_HOTPATH_N1 n2=$BENCH_HOTPATH_N2
[ "$n2" -gt "$n1" ] || die "BENCH_HOTPATH_N2 must exceed BENCH_HOTPATH_N1"

# The library preloaded by a variant (empty: none).
variant_preload() {
	case $1 in
	none)		echo "" ;;
	passthrough)	echo "$BENCH_PASSTHROUGH" ;;
	shim)		echo "$BENCH_SHIM" ;;
	esac
}

# Instructions callgrind counted inside FUNCTION while PROGRAM ran under a
# variant; the shim traces PROGRAM.  With the shim, the number of
# connections it traced goes to $BENCH_WORKDIR/hotpath.ROW.traced.
# Usage: count VARIANT ROW FUNCTION PROGRAM ARGS...
count() {
	variant=$1 row=$2 func=$3
	shift 3
	cg=$BENCH_WORKDIR/callgrind.out
	rm -f "$cg" "$BENCH_WORKDIR/trace"
	LD_PRELOAD=$(variant_preload "$variant") \
	NETLIFE_PROGRAMS=$(basename "$1") \
	NETLIFE_TRACE="$BENCH_WORKDIR/trace" \
	    timeout "$BENCH_RUN_TIMEOUT" valgrind -q --tool=callgrind \
	    --callgrind-out-file="$cg" --toggle-collect="$func" "$@" \
	    >/dev/null ||
		die "hotpath/$variant: $* failed under valgrind"
	if [ "$variant" = shim ]; then
		traced=$(grep -c ' ev=close ' "$BENCH_WORKDIR/trace" \
		    2>/dev/null || true)
		echo "${traced:-0}" > "$BENCH_WORKDIR/hotpath.$row.traced"
	fi
	# The file's "summary:" (or, in newer releases, "totals:") line.
	awk '/^(summary|totals):/ { print $2; exit }' "$cg"
}

# One row of the table: the per-call count of each variant, from runs of
# PROGRAM ARGS with the count argument (written @N@) at M1 and at M2.
# Usage: measure ROW FUNCTION M1 M2 PROGRAM ARGS...
measure() {
	row=$1 func=$2 m1=$3 m2=$4
	shift 4
	for variant in none passthrough shim; do
		note "hotpath: $row, $variant"
		c1=$(count "$variant" "$row" "$func" "${@//@N@/$m1}")
		c2=$(count "$variant" "$row" "$func" "${@//@N@/$m2}")
		calc "($c2 - $c1) / ($m2 - $m1)" \
		    > "$BENCH_WORKDIR/hotpath.$variant.$row"
	done
}

hotpath=$BENCH_BIN/bench-hotpath
batch=$BENCH_HOTPATH_BATCH
measure send bench_send "$n1" "$n2" "$hotpath" socket @N@ "$batch"
measure recv bench_recv "$n1" "$n2" "$hotpath" socket @N@ "$batch"
measure write bench_write "$n1" "$n2" "$hotpath" pipe @N@
measure read bench_read "$n1" "$n2" "$hotpath" pipe @N@
measure send_turn bench_send "$n1" "$n2" "$hotpath" socket @N@ 1
measure recv_turn bench_recv "$n1" "$n2" "$hotpath" socket @N@ 1
# A whole exchange of bench-client on a fresh connection: everything the
# shim does per connection.
SERVER_PID=''
trap stop_server EXIT
trap 'exit 1' INT TERM HUP
start_server "$BENCH_BIN/bench-server" "$BENCH_WORKDIR/callgrind" 3600
measure exchange main 100 300 "$BENCH_BIN/bench-client" \
    "http://127.0.0.1:$SERVER_PORT/$BENCH_EXCHANGE_BYTES" @N@ fresh

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
# traffic).  Writes the per-call counts to $BENCH_WORKDIR/hotpath.VARIANT.ROW.
#
# Environment (set by run-all.sh): BENCH_BIN BENCH_SHIM BENCH_PASSTHROUGH
#   BENCH_WORKDIR BENCH_HOTPATH_N1 BENCH_HOTPATH_N2 BENCH_HOTPATH_BATCH
#   BENCH_RUN_TIMEOUT
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

# Instructions callgrind counted inside FUNCTION for bench-hotpath ARGS.
count() {
	variant=$1 func=$2
	shift 2
	cg=$BENCH_WORKDIR/callgrind.out
	rm -f "$cg" "$BENCH_WORKDIR/trace"
	LD_PRELOAD=$(variant_preload "$variant") \
	NETLIFE_PROGRAMS=bench-hotpath NETLIFE_TRACE="$BENCH_WORKDIR/trace" \
	    timeout "$BENCH_RUN_TIMEOUT" valgrind -q --tool=callgrind \
	    --callgrind-out-file="$cg" --toggle-collect="$func" \
	    "$BENCH_BIN/bench-hotpath" "$@" ||
		die "hotpath/$variant: bench-hotpath $* failed under valgrind"
	if [ "$variant" = shim ] && [ "$1" = socket ]; then
		traced=$(grep -c ' ev=close ' "$BENCH_WORKDIR/trace" \
		    2>/dev/null || true)
		echo "${traced:-0}" > "$BENCH_WORKDIR/hotpath.traced"
	fi
	# The file's "summary:" (or, in newer releases, "totals:") line.
	awk '/^(summary|totals):/ { print $2; exit }' "$cg"
}

# Measure one row: NAME FUNCTION MODE [BATCH]; the call count is the
# argument after MODE.
measure() {
	name=$1 func=$2 mode=$3
	shift 3
	for variant in none passthrough shim; do
		note "hotpath: $name, $variant"
		c1=$(count "$variant" "$func" "$mode" "$n1" "$@")
		c2=$(count "$variant" "$func" "$mode" "$n2" "$@")
		calc "($c2 - $c1) / ($n2 - $n1)" \
		    > "$BENCH_WORKDIR/hotpath.$variant.$name"
	done
}

batch=$BENCH_HOTPATH_BATCH
measure send bench_send socket "$batch"
measure recv bench_recv socket "$batch"
measure send_turn bench_send socket 1
measure recv_turn bench_recv socket 1
measure write bench_write pipe
measure read bench_read pipe

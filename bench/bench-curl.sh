#!/bin/bash
# One libcurl benchmark: bench-client fetches COUNT bodies of BYTES bytes
# from bench-server, in rounds that interleave the variants (none, shim,
# none again, strace, strace --seccomp-bpf), so that drift in the machine's
# speed hits every variant alike and each run can be paired with the "none"
# run of its round.  The second "none" measures the noise floor.  Writes one
# line "ROUND WALL_US CPU_US" per run to $BENCH_WORKDIR/NAME.VARIANT and the
# number of connections the shim traced in its first run to
# $BENCH_WORKDIR/NAME.traced.
#
# With "pinned", the server runs on CPU $BENCH_SERVER_CPU and the client
# on CPU $BENCH_CLIENT_CPU (when run-all.sh chose them; the tracer of the
# strace variants stays free to run anywhere).
#
# Usage: bench-curl.sh NAME BYTES COUNT reuse|fresh STRACE-RUNS pinned|free
# Environment (set by run-all.sh): BENCH_BIN BENCH_SHIM BENCH_RUNS
#   BENCH_WORKDIR BENCH_RUN_TIMEOUT BENCH_SERVER_CPU BENCH_CLIENT_CPU
set -eu
. "$(dirname "$0")/bench-lib.sh"

name=$1 bytes=$2 count=$3 mode=$4 strace_runs=$5 placement=$6
client=$BENCH_BIN/bench-client
out=$BENCH_WORKDIR/$name

pin=() server_cpu=''
if [ "$placement" = pinned ] && [ -n "${BENCH_CLIENT_CPU:-}" ]; then
	pin=(taskset -c "$BENCH_CLIENT_CPU")
	server_cpu=$BENCH_SERVER_CPU
fi
SERVER_PID=''
trap stop_server EXIT
trap 'exit 1' INT TERM HUP
start_server "$BENCH_BIN/bench-server" "$out" 7200 "$server_cpu"
url="http://127.0.0.1:$SERVER_PORT/$bytes"

# The system calls a connection tracer built on strace would have to see.
# --seccomp-bpf only helps with such a filter: without one strace says
# "no syscalls to filter" and stops the process at every call as before.
STRACE_FILTER=%network,read,write,close

# Set prefix to the command words that run the client under a variant.
set_prefix() {
	case $1 in
	none|none2)	prefix=(env -u LD_PRELOAD) ;;
	shim)		prefix=(env LD_PRELOAD="$BENCH_SHIM"
			    NETLIFE_PROGRAMS=bench-client
			    NETLIFE_TRACE="$BENCH_WORKDIR/trace") ;;
	strace)		prefix=(strace -f -o /dev/null) ;;
	strace-seccomp)	prefix=(strace --seccomp-bpf -f -e trace="$STRACE_FILTER"
			    -o /dev/null) ;;
	esac
}

# Run the client once under a variant; print its loop's wall and CPU time
# in us.  A run that fails, times out or gets short bodies stops the
# benchmark.
run_once() {
	rm -f "$BENCH_WORKDIR/trace"
	set_prefix "$1"
	result=$(timeout "$BENCH_RUN_TIMEOUT" "${prefix[@]}" "${pin[@]}" \
	    "$client" "$url" "$count" "$mode") ||
		die "$name/$1: bench-client failed or timed out"
	case $result in
	"elapsed_us="*" cpu_us="*" bytes=$((bytes * count)) "*) ;;
	*) die "$name/$1: wrong output or byte count: $result" ;;
	esac
	read -r wall cpu _ <<< "$result"
	echo "${wall#elapsed_us=} ${cpu#cpu_us=}"
}

# Connections the shim reported closed in the trace of the run just made.
traced_connections() {
	if [ -f "$BENCH_WORKDIR/trace" ]; then
		grep -c ' ev=close ' "$BENCH_WORKDIR/trace" || true
	else
		echo 0
	fi
}

variants="none shim none2 strace"
if strace --seccomp-bpf -f -e trace=$STRACE_FILTER -o /dev/null true \
    2>/dev/null; then
	variants="$variants strace-seccomp"
else
	note "this strace has no --seccomp-bpf: that variant is left out"
fi
for v in $variants; do
	: > "$out.$v"
done

# One warm-up round, not counted: caches, page faults, CPU frequency.
run_once none >/dev/null
run_once shim >/dev/null
traced_connections > "$out.traced"

# strace is slow: its STRACE-RUNS rounds are spread evenly among the
# BENCH_RUNS rounds of the others.
strace_every=$(( BENCH_RUNS / (strace_runs > 0 ? strace_runs : 1) ))
[ "$strace_every" -ge 1 ] || strace_every=1
is_strace_round() {
	[ $(( ($1 - 1) % strace_every )) -eq 0 ] &&
	    [ $(( ($1 - 1) / strace_every )) -lt "$strace_runs" ]
}

# Odd rounds run the variants in one order, even rounds in the reverse, so
# that no variant always runs right after another.
reversed=$(echo "$variants" | tr ' ' '\n' | tac | tr '\n' ' ')
for round in $(seq 1 "$BENCH_RUNS"); do
	note "$name: round $round/$BENCH_RUNS"
	order=$variants
	[ $((round % 2)) -eq 1 ] || order=$reversed
	for v in $order; do
		case $v in
		strace*) is_strace_round "$round" || continue ;;
		esac
		sample=$(run_once "$v")
		echo "$round $sample" >> "$out.$v"
	done
done

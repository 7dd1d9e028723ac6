#!/bin/bash
# Run netlife's speed benchmarks and print (and save) one table of results.
# See docs/benchmarks.md for what each benchmark measures and why.
#
# Usage: bench/run-all.sh [--builddir DIR] [--shim PATH] [--out FILE]
#                         [--only download,exchanges,hotpath,timeline]
# Knobs (environment), with their defaults:
#   BENCH_RUNS=30                   rounds (runs of each variant but strace)
#   BENCH_DOWNLOAD_BYTES=1073741824 BENCH_DOWNLOAD_STRACE_RUNS=5
#   BENCH_EXCHANGES=2000            BENCH_EXCHANGES_STRACE_RUNS=20
#   BENCH_EXCHANGE_BYTES=1024       (the size of each reply)
#   BENCH_HOTPATH_N1=10000 BENCH_HOTPATH_N2=60000 BENCH_HOTPATH_BATCH=1000
#   BENCH_RUN_TIMEOUT=300           (seconds, for any one run)
#   BENCH_PIN=1                     download: server on CPU 0, client on CPU 1
#   BENCH_TIMELINE_BYTES=1073741824 BENCH_TIMELINE_RUNS=5
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/bench-lib.sh"

builddir=$(cd "$here/.." && pwd)
shim=${BENCH_SHIM:-}
out=bench-results.txt
only=download,exchanges,hotpath,timeline
while [ $# -gt 0 ]; do
	case $1 in
	--builddir)	builddir=$(cd "$2" && pwd); shift 2 ;;
	--shim)		shim=$2; shift 2 ;;
	--out)		out=$2; shift 2 ;;
	--only)		only=$2; shift 2 ;;
	*)		die "unknown option $1 (see the head of $0)" ;;
	esac
done
: "${shim:=$builddir/wrapper/.libs/libnetlife.so}"
# LD_PRELOAD wants an absolute path.
[ ! -f "$shim" ] || shim=$(cd "$(dirname "$shim")" && pwd)/$(basename "$shim")

# Benchmark traffic stays off the host's network: as root, the whole run
# moves into a private network namespace that has only its own loopback.
if [ "$(id -u)" = 0 ] && [ -z "${NETLIFE_BENCH_NETNS:-}" ] &&
    unshare -n true 2>/dev/null; then
	# shellcheck disable=SC2016  # expanded by the inner bash
	exec unshare -n env NETLIFE_BENCH_NETNS=1 bash -c \
	    'ip link set lo up && exec bash "$0" "$@"' "$0" \
	    --builddir "$builddir" --shim "$shim" --out "$out" --only "$only"
fi
network="host loopback (127.0.0.1)"
[ -z "${NETLIFE_BENCH_NETNS:-}" ] ||
	network="private network namespace (unshare -n), its own loopback"

export BENCH_RUNS=${BENCH_RUNS:-30}
export BENCH_DOWNLOAD_BYTES=${BENCH_DOWNLOAD_BYTES:-1073741824}
export BENCH_DOWNLOAD_STRACE_RUNS=${BENCH_DOWNLOAD_STRACE_RUNS:-5}
export BENCH_EXCHANGES=${BENCH_EXCHANGES:-2000}
export BENCH_EXCHANGES_STRACE_RUNS=${BENCH_EXCHANGES_STRACE_RUNS:-20}
export BENCH_EXCHANGE_BYTES=${BENCH_EXCHANGE_BYTES:-1024}
export BENCH_HOTPATH_N1=${BENCH_HOTPATH_N1:-10000}
export BENCH_HOTPATH_N2=${BENCH_HOTPATH_N2:-60000}
export BENCH_HOTPATH_BATCH=${BENCH_HOTPATH_BATCH:-1000}
export BENCH_RUN_TIMEOUT=${BENCH_RUN_TIMEOUT:-300}
export BENCH_TIMELINE_BYTES=${BENCH_TIMELINE_BYTES:-1073741824}
export BENCH_TIMELINE_RUNS=${BENCH_TIMELINE_RUNS:-5}
export BENCH_NETLIFE=$builddir/netlife
# On two or more CPUs the download's server and client each get one.
export BENCH_SERVER_CPU='' BENCH_CLIENT_CPU=''
if [ "${BENCH_PIN:-1}" = 1 ] && [ "$(nproc)" -ge 2 ] &&
    command -v taskset >/dev/null; then
	BENCH_SERVER_CPU=0 BENCH_CLIENT_CPU=1
fi
export BENCH_BIN=$builddir/bench
export BENCH_PASSTHROUGH=$builddir/bench/.libs/passthrough_shim.so
export BENCH_SHIM=$shim

# Everything must be there before the first run, or the table would lie.
for prog in bench-server bench-client bench-hotpath gen-fwlog; do
	[ -x "$BENCH_BIN/$prog" ] || die "$BENCH_BIN/$prog missing: run make first"
done
[ -f "$BENCH_SHIM" ] || die "shim $BENCH_SHIM missing: run make first"
if ldd "$BENCH_SHIM" 2>/dev/null | grep -q 'lib[at]san'; then
	die "$BENCH_SHIM is built with sanitizers; benchmark a plain build"
fi
for tool in strace valgrind timeout; do
	command -v "$tool" >/dev/null || die "$tool is not installed"
done
case $only in
*hotpath*) [ -f "$BENCH_PASSTHROUGH" ] ||
	die "$BENCH_PASSTHROUGH missing: run make first" ;;
esac

BENCH_WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/nlbench.XXXXXX")
export BENCH_WORKDIR
step=''
trap 'rm -rf "$BENCH_WORKDIR"' EXIT
trap 'note "stopped by a signal"; [ -z "$step" ] || kill "$step" 2>/dev/null
    exit 1' INT TERM HUP

# Run one benchmark script as a child that a signal to us also stops.
run_step() {
	"$@" &
	step=$!
	wait "$step" || die "$1 failed"
	step=
}

# The download runs pinned (its timings spread half as much); the short
# exchanges do not: pinned apart, every request and reply waits for a
# wake-up across CPUs, which on a virtual machine made them 3 times slower
# and far noisier.
case $only in
*download*)
	run_step "$here/bench-curl.sh" download "$BENCH_DOWNLOAD_BYTES" 1 \
	    reuse "$BENCH_DOWNLOAD_STRACE_RUNS" pinned ;;
esac
case $only in
*exchanges*)
	run_step "$here/bench-curl.sh" exchanges "$BENCH_EXCHANGE_BYTES" \
	    "$BENCH_EXCHANGES" fresh "$BENCH_EXCHANGES_STRACE_RUNS" free ;;
esac
case $only in
*hotpath*) run_step "$here/bench-callgrind.sh" ;;
esac
case $only in
*timeline*) run_step "$here/bench-timeline.sh" "$BENCH_TIMELINE_BYTES" "$BENCH_TIMELINE_RUNS" ;;
esac

"$here/report.sh" "$network" | tee "$out"
note "table saved in $out"

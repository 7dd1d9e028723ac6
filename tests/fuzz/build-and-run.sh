#!/bin/sh
# Build the libFuzzer harness of the scheduler-XML summary straight from
# the sources with clang (libFuzzer + ASan + UBSan) and run it for SECONDS
# over the seed corpus.  Usable as a check: exit 0 when nothing was found,
# 77 when it cannot run here (no clang, or no libFuzzer runtime: Debian's
# libclang-rt-14-dev), anything else when an input crashed or broke a check
# (the input is kept as $FUZZ_DIR/crash-* or timeout-*; replay it with
# "$FUZZ_DIR/fuzz_sched_xml FILE").
#
# usage: tests/fuzz/build-and-run.sh [SECONDS]        (default 30)
# env:   FUZZ_DIR   build and work directory (default ${TMPDIR:-/tmp}/netlife-fuzz-sched-xml);
#                   the corpus grown there is reused by the next run
#        CLANG      compiler (default clang)
#        FUZZ_ARGS  more libFuzzer options, e.g. "-jobs=2 -workers=2"
set -eu

secs=${1:-30}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
dir=${FUZZ_DIR:-${TMPDIR:-/tmp}/netlife-fuzz-sched-xml}
cc=${CLANG:-clang}
bin=$dir/fuzz_sched_xml

command -v "$cc" >/dev/null 2>&1 || { echo "SKIP: $cc not installed"; exit 77; }
mkdir -p "$dir/corpus"

# The sources include "config.h" (from configure); all they need of it is this.
printf '#define _GNU_SOURCE 1\n' > "$dir/config.h"
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$dir/probe.c"
if ! "$cc" -fsanitize=fuzzer "$dir/probe.c" -o "$dir/probe" >/dev/null 2>&1; then
	echo "SKIP: $cc -fsanitize=fuzzer does not link (install libclang-rt-14-dev)"
	exit 77
fi

expat_cflags=$(pkg-config --cflags expat 2>/dev/null || true)
expat_libs=$(pkg-config --libs expat 2>/dev/null || echo -lexpat)

# Small bounds, so that short inputs cross stages and reach both caps.
# shellcheck disable=SC2086
"$cc" -std=c11 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-Wall -Wextra -Werror \
	-DNL_SCHED_STAGE=61u -DNL_SCHED_MAX_BYTES=6000u -DNL_SCHED_MAX_MEM=49152u \
	-I"$dir" $expat_cflags \
	"$here/fuzz_sched_xml.c" "$top/wrapper/nl_sched_xml.c" "$top/wrapper/nl_url.c" \
	$expat_libs -o "$bin"

echo "fuzzing for ${secs}s in $dir"
status=0
# shellcheck disable=SC2086
"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 -max_len=20000 \
	-error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
	-dict="$here/sched_xml.dict" -artifact_prefix="$dir/" \
	${FUZZ_ARGS:-} "$dir/corpus" "$here/corpus/sched_xml" \
	> "$dir/fuzz.log" 2>&1 || status=$?

grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)|^Done|ERROR|SUMMARY|^==[0-9]+==|Test unit written' "$dir/fuzz.log" || true
if [ "$status" -ne 0 ]; then
	echo "FAIL: the fuzzer found a problem (exit $status); see $dir/fuzz.log"
	tail -n 60 "$dir/fuzz.log"
	[ "$status" -eq 77 ] && status=1	# never a SKIP
	exit "$status"
fi
echo "PASS: no crash in ${secs}s"

#!/bin/sh
# Build one libFuzzer harness straight from the sources with clang
# (libFuzzer + ASan + UBSan) and run it for SECONDS over its seed corpus:
# the one way every parser of netlife is fuzzed. Exit 0 when nothing was
# found, 77 when it cannot run here (no clang, or no libFuzzer runtime:
# Debian's libclang-rt-14-dev), 1 when an input crashed or broke a check
# (kept as $FUZZ_DIR/crash-*; replay it with "$FUZZ_DIR/NAME FILE").
#
# usage: tests/fuzz/run-harness.sh NAME SECONDS [CFLAGS...] -- SOURCE... [-- LIBS...]
#   NAME      the harness: tests/fuzz/NAME.c; its dictionary tests/fuzz/NAME.dict
#             and seeds tests/fuzz/corpus/NAME/ are used when they exist
#   SOURCE    paths relative to the top of the tree
# env:   FUZZ_DIR   build and work directory (default ${TMPDIR:-/tmp}/netlife-fuzz-NAME);
#                   the corpus grown there is reused by the next run
#        CLANG      compiler (default clang)
#        FUZZ_MAX_LEN  longest input (default 4096)
#        FUZZ_ARGS  more libFuzzer options, e.g. "-jobs=2 -workers=2"
set -eu

name=$1 secs=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
dir=${FUZZ_DIR:-${TMPDIR:-/tmp}/netlife-fuzz-$name}
cc=${CLANG:-clang}
bin=$dir/$name

cflags=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	cflags="$cflags $1"
	shift
done
[ $# -gt 0 ] && shift
sources="" libs=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
	sources="$sources $top/$1"
	shift
done
[ $# -gt 0 ] && shift
libs="$*"

command -v "$cc" >/dev/null 2>&1 || { echo "SKIP: $cc not installed"; exit 77; }
mkdir -p "$dir/corpus"

# The sources include "config.h" (from configure); all they need of it is this.
printf '#define _GNU_SOURCE 1\n#define PACKAGE_VERSION "fuzz"\n' > "$dir/config.h"
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$dir/probe.c"
if ! "$cc" -fsanitize=fuzzer "$dir/probe.c" -o "$dir/probe" >/dev/null 2>&1; then
	echo "SKIP: $cc -fsanitize=fuzzer does not link (install libclang-rt-14-dev)"
	exit 77
fi

# shellcheck disable=SC2086
"$cc" -std=c11 -g -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-Wall -Wextra -Werror -I"$dir" -I"$top/include" -I"$top/timeline" $cflags \
	"$here/$name.c" $sources $libs -o "$bin"

dict=""
[ -f "$here/$name.dict" ] && dict="-dict=$here/$name.dict"
seeds=""
[ -d "$here/corpus/$name" ] && seeds="$here/corpus/$name"
echo "fuzzing $name for ${secs}s in $dir"
status=0
# shellcheck disable=SC2086
"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 -max_len="${FUZZ_MAX_LEN:-4096}" \
	-error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1 \
	$dict -artifact_prefix="$dir/" ${FUZZ_ARGS:-} "$dir/corpus" $seeds \
	> "$dir/fuzz.log" 2>&1 || status=$?

grep -E '^stat::(number_of_executed_units|peak_rss_mb|new_units_added)|^Done|ERROR|SUMMARY|^==[0-9]+==|Test unit written' "$dir/fuzz.log" || true
if [ "$status" -ne 0 ]; then
	echo "FAIL: the fuzzer found a problem (exit $status); see $dir/fuzz.log"
	tail -n 60 "$dir/fuzz.log"
	[ "$status" -eq 77 ] && status=1	# never a SKIP
	exit "$status"
fi
echo "PASS: no crash in ${secs}s"

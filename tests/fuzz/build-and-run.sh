#!/bin/sh
# Fuzz the scheduler-XML summary (wrapper/nl_sched_xml.c; tests/fuzz/
# fuzz_sched_xml.c, its dictionary and seeds) for SECONDS through the shared
# builder run-harness.sh: exit 0 when nothing was found, 77 when it cannot
# run here (no clang, or no libFuzzer runtime: Debian's libclang-rt-14-dev),
# 1 when an input crashed or broke a check (kept as $FUZZ_DIR/crash-*;
# replay it with "$FUZZ_DIR/fuzz_sched_xml FILE").
#
# usage: tests/fuzz/build-and-run.sh [SECONDS]        (default 30)
# env:   FUZZ_DIR   build and work directory (default ${TMPDIR:-/tmp}/netlife-fuzz-sched-xml);
#                   the corpus grown there is reused by the next run
#        CLANG, FUZZ_MAX_LEN (default 20000), FUZZ_ARGS: as run-harness.sh
here=$(dirname "$0")
expat_cflags=$(pkg-config --cflags expat 2>/dev/null || true)
expat_libs=$(pkg-config --libs expat 2>/dev/null || echo -lexpat)

# Small bounds, so that short inputs cross stages and reach both caps.
# shellcheck disable=SC2086
FUZZ_DIR=${FUZZ_DIR:-${TMPDIR:-/tmp}/netlife-fuzz-sched-xml} FUZZ_MAX_LEN=${FUZZ_MAX_LEN:-20000} \
	exec sh "$here/run-harness.sh" fuzz_sched_xml "${1:-30}" \
	-DNL_SCHED_STAGE=61u -DNL_SCHED_MAX_BYTES=6000u -DNL_SCHED_MAX_MEM=49152u $expat_cflags -- \
	wrapper/nl_sched_xml.c wrapper/nl_url.c -- $expat_libs

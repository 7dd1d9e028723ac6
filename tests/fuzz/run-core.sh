#!/bin/sh
# Fuzz the timeline tool's own parsers (trace records and the join, timeline
# lines, time stamps): tests/fuzz/fuzz_core.c. usage: run-core.sh [SECONDS]
here=$(dirname "$0")
exec sh "$here/run-harness.sh" fuzz_core "${1:-30}" -- \
	timeline/tl_model.c timeline/tl_kv.c timeline/tl_attrib.c timeline/tl_explain.c \
	timeline/tl_time.c timeline/tl_segment.c timeline/tl_show.c timeline/tl_lines.c \
	-- -lz

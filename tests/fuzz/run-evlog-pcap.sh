#!/bin/sh
# Fuzz the event-log parsers (tests/fuzz/fuzz_evlog.c: all five forms) and
# the capture reader (tests/fuzz/fuzz_pcap.c: libpcap, link layers, IP/TCP
# decoding, flow annotations), each for SECONDS, through run-harness.sh.
# Exit 0, 77 (cannot run here) or 1 (a finding: see the harness's dir).
# usage: run-evlog-pcap.sh [SECONDS]   (default 30, per harness)
# env:   FUZZ_DIR   work directory (default ${TMPDIR:-/tmp}/netlife-fuzz-evlog-pcap),
#                   one subdirectory per harness; other variables as run-harness.sh
here=$(dirname "$0")
secs=${1:-30}
base=${FUZZ_DIR:-${TMPDIR:-/tmp}/netlife-fuzz-evlog-pcap}
mkdir -p "$base/fuzz_evlog" "$base/fuzz_pcap" || exit 1

FUZZ_DIR=$base/fuzz_evlog FUZZ_MAX_LEN=${FUZZ_MAX_LEN:-16384} \
	sh "$here/run-harness.sh" fuzz_evlog "$secs" -- \
	timeline/tl_evlog.c timeline/tl_evlog_client.c timeline/tl_evlog_stdoutdae.c \
	timeline/tl_evlog_journal.c timeline/tl_evlog_journal_json.c timeline/tl_evlog_boinccmd.c \
	timeline/tl_evlog_manager.c timeline/tl_time.c timeline/tl_scan.c timeline/tl_segment.c \
	timeline/tl_zone_name.c
evlog=$?
[ "$evlog" -eq 77 ] && exit 77

# fuzz_pcap hands its input to libpcap through a file in TMPDIR: in
# memory when it can be (7 times the executions of a disk file).
tmp=/dev/shm
[ -d "$tmp" ] && [ -w "$tmp" ] || tmp=$base/fuzz_pcap
TMPDIR=$tmp FUZZ_DIR=$base/fuzz_pcap FUZZ_MAX_LEN=${FUZZ_MAX_LEN:-8192} \
	sh "$here/run-harness.sh" fuzz_pcap "$secs" \
	$(pkg-config --cflags libpcap 2>/dev/null) -- \
	timeline/tl_pcap.c timeline/tl_pcap_flows.c \
	-- $(pkg-config --libs libpcap 2>/dev/null || echo -lpcap)
pcap=$?
[ "$evlog" -ne 0 ] && exit "$evlog"
exit "$pcap"

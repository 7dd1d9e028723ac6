#!/bin/sh
# Fuzz the Linux firewall-log parsers (kernel LOG/NFLOG lines, conntrack -E,
# drop tables) and the shared scanners for SECONDS with libFuzzer, through
# the shared builder: exit 0 when nothing was found, 77 when it cannot run
# here, 1 on a finding (kept as $FUZZ_DIR/crash-*).
# usage: tests/fuzz/run-fw-linux.sh [SECONDS]  (default 30)
here=$(dirname "$0")
exec sh "$here/run-harness.sh" fuzz_fw_linux "${1:-30}" -- \
	timeline/tl_fw_klog.c timeline/tl_fw_conntrack.c timeline/tl_fw_table.c \
	timeline/tl_scan.c timeline/tl_time.c timeline/tl_segment.c

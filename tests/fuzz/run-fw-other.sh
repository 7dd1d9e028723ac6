#!/bin/sh
# Fuzz the non-Linux firewall-log parsers (filterlog, pflog, pfirewall,
# tcpdump, tshark text and -T fields; tests/fuzz/fuzz_fw_other.c, the first byte of an
# input picks the parser; tl_fw.c and so every parser is linked, for
# tl_fw_state_init and the sniffs) for SECONDS with run-harness.sh: exit 0 when
# nothing was found, 77 when it cannot run here, 1 on a finding (kept as
# $FUZZ_DIR/crash-*). usage: tests/fuzz/run-fw-other.sh [SECONDS]  (default 30)
here=$(dirname "$0")
exec sh "$here/run-harness.sh" fuzz_fw_other "${1:-30}" -- \
	timeline/tl_fw_filterlog.c timeline/tl_fw_pflog.c timeline/tl_fw_pfirewall.c \
	timeline/tl_fw_tcpdump.c timeline/tl_fw_tshark.c timeline/tl_tcpdump_syntax.c \
	timeline/tl_fw_tshark_fields.c timeline/tl_tshark_values.c timeline/tl_zone_name.c \
	timeline/tl_scan.c timeline/tl_time.c timeline/tl_segment.c \
	timeline/tl_fw.c timeline/tl_fw_klog.c timeline/tl_fw_conntrack.c timeline/tl_fw_table.c

# Linux firewall logs: LOG/NFLOG lines in every wrapping, conntrack -E, tables;
# tl_scan: the bounded field scanners any line parser may share.
timeline_libtimeline_la_SOURCES += timeline/tl_scan.h timeline/tl_scan.c \
	timeline/tl_fw_klog.c timeline/tl_fw_conntrack.c timeline/tl_fw_table.c

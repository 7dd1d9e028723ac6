# Linux firewall logs: LOG/NFLOG lines in every wrapping, conntrack -E, tables.
timeline_libtimeline_la_SOURCES += timeline/tl_fw_klog.c timeline/tl_fw_conntrack.c \
	timeline/tl_fw_table.c

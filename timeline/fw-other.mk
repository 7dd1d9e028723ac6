# Other firewalls' logs and packet-dump text: pfSense/OPNsense filterlog,
# pf logs and tcpdump text (sharing tl_tcpdump_syntax), Windows
# pfirewall.log, tshark summaries.
timeline_libtimeline_la_SOURCES += timeline/tl_tcpdump_syntax.h timeline/tl_tcpdump_syntax.c \
	timeline/tl_fw_filterlog.c timeline/tl_fw_pflog.c \
	timeline/tl_fw_pfirewall.c timeline/tl_fw_tcpdump.c timeline/tl_fw_tshark.c

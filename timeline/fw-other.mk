# Other firewalls' logs and packet-dump text.
timeline_libtimeline_la_SOURCES += timeline/tl_fw_filterlog.c timeline/tl_fw_pflog.c \
	timeline/tl_fw_pfirewall.c timeline/tl_fw_tcpdump.c timeline/tl_fw_tshark.c

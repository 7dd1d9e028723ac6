# Other firewalls' logs and packet-dump text: pfSense/OPNsense filterlog,
# pf logs and tcpdump text (sharing tl_tcpdump_syntax), Windows
# pfirewall.log, tshark summaries and -T fields output; local times
# followed by their zone's name (tshark, and the journal's short-full).
timeline_libtimeline_la_SOURCES += timeline/tl_tcpdump_syntax.h timeline/tl_tcpdump_syntax.c \
	timeline/tl_fw_filterlog.c timeline/tl_fw_pflog.c \
	timeline/tl_fw_pfirewall.c timeline/tl_fw_tcpdump.c timeline/tl_fw_tshark.c \
	timeline/tl_fw_tshark_fields.c timeline/tl_tshark_values.h timeline/tl_tshark_values.c \
	timeline/tl_zone_name.h timeline/tl_zone_name.c

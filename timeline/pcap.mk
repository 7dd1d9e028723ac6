# Packet captures (libpcap).
timeline_libtimeline_la_SOURCES += timeline/tl_pcap.c \
	timeline/tl_pcap_flows.h timeline/tl_pcap_flows.c

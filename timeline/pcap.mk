# Packet captures (libpcap).
timeline_libtimeline_la_SOURCES += timeline/tl_pcap.c

# The timeline tool, netlife: a library of parsers and the join (so that the
# unit tests and the fuzz harnesses link the same code), and the program.
noinst_LTLIBRARIES += timeline/libtimeline.la
timeline_libtimeline_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/timeline
timeline_libtimeline_la_CFLAGS = $(AM_CFLAGS) $(ZLIB_CFLAGS) $(PCAP_CFLAGS)
timeline_libtimeline_la_LIBADD = $(ZLIB_LIBS) $(PCAP_LIBS)
timeline_libtimeline_la_SOURCES = \
	timeline/tl_segment.h timeline/tl_segment.c \
	timeline/tl_time.h timeline/tl_time.c \
	timeline/tl_lines.h timeline/tl_lines.c \
	timeline/tl_fw.h timeline/tl_fw.c \
	timeline/tl_evlog.h timeline/tl_evlog.c \
	timeline/tl_pcap.h

# Each group of parsers keeps its own list.
include $(srcdir)/timeline/fw-linux.mk
include $(srcdir)/timeline/fw-other.mk
include $(srcdir)/timeline/evlog.mk
include $(srcdir)/timeline/pcap.mk
include $(srcdir)/timeline/core.mk

# Tests of the timeline tool: each group keeps its own fragment.
# (Names without a _CFLAGS/_LDADD suffix: automake would take those for a
# program called TL_TEST.)
TL_TESTS_INCLUDES = $(AM_CPPFLAGS) -I$(top_srcdir)/timeline
TL_TESTS_COPTS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
TL_TESTS_LIBS = timeline/libtimeline.la $(CMOCKA_LIBS)
include $(srcdir)/tests/timeline/fw-linux.mk
include $(srcdir)/tests/timeline/fw-other.mk
include $(srcdir)/tests/timeline/evlog.mk
include $(srcdir)/tests/timeline/pcap.mk
include $(srcdir)/tests/timeline/core.mk

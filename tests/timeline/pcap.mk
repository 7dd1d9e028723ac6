# tests: pcap -- reading captures and annotating their segments; the
# captures are built by the tests (pcap_build.c) with libpcap's writer.
tl_pcap_tests = tests/timeline/test_pcap tests/timeline/test_pcap_flows
check_PROGRAMS += $(tl_pcap_tests)
TESTS += $(tl_pcap_tests)
tests_timeline_test_pcap_SOURCES = tests/timeline/test_pcap.c \
	tests/timeline/pcap_build.h tests/timeline/pcap_build.c
tests_timeline_test_pcap_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_pcap_CFLAGS = $(TL_TESTS_COPTS) $(PCAP_CFLAGS)
tests_timeline_test_pcap_LDADD = $(TL_TESTS_LIBS) $(PCAP_LIBS)
tests_timeline_test_pcap_flows_SOURCES = tests/timeline/test_pcap_flows.c \
	tests/timeline/pcap_build.h tests/timeline/pcap_build.c
tests_timeline_test_pcap_flows_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_pcap_flows_CFLAGS = $(TL_TESTS_COPTS) $(PCAP_CFLAGS)
tests_timeline_test_pcap_flows_LDADD = $(TL_TESTS_LIBS) $(PCAP_LIBS)
# The fuzz harness of the capture reader (run by tests/fuzz/run-evlog-pcap.sh).
EXTRA_DIST += tests/fuzz/fuzz_pcap.c tests/fuzz/corpus/fuzz_pcap

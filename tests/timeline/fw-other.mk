# Tests of the non-Linux firewall parsers (filterlog, pf, pfirewall, tcpdump,
# tshark); they share tl_fw_testlib (fw-linux.mk: exact-size copies, field
# checks, truncations and overwritten bytes).
tl_fw_other_tests = tests/timeline/test_fw_filterlog \
	tests/timeline/test_fw_pflog \
	tests/timeline/test_fw_pfirewall \
	tests/timeline/test_fw_tcpdump \
	tests/timeline/test_fw_tshark \
	tests/timeline/test_fw_tshark_fields
check_PROGRAMS += $(tl_fw_other_tests)
TESTS += $(tl_fw_other_tests)

tests_timeline_test_fw_filterlog_SOURCES = tests/timeline/test_fw_filterlog.c $(tl_fw_testlib)
tests_timeline_test_fw_filterlog_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_filterlog_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_filterlog_LDADD = $(TL_TESTS_LIBS)

tests_timeline_test_fw_pflog_SOURCES = tests/timeline/test_fw_pflog.c $(tl_fw_testlib)
tests_timeline_test_fw_pflog_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_pflog_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_pflog_LDADD = $(TL_TESTS_LIBS)

tests_timeline_test_fw_pfirewall_SOURCES = tests/timeline/test_fw_pfirewall.c $(tl_fw_testlib)
tests_timeline_test_fw_pfirewall_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_pfirewall_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_pfirewall_LDADD = $(TL_TESTS_LIBS)

tests_timeline_test_fw_tcpdump_SOURCES = tests/timeline/test_fw_tcpdump.c $(tl_fw_testlib)
tests_timeline_test_fw_tcpdump_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_tcpdump_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_tcpdump_LDADD = $(TL_TESTS_LIBS)

tests_timeline_test_fw_tshark_SOURCES = tests/timeline/test_fw_tshark.c $(tl_fw_testlib)
tests_timeline_test_fw_tshark_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_tshark_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_tshark_LDADD = $(TL_TESTS_LIBS)

tests_timeline_test_fw_tshark_fields_SOURCES = tests/timeline/test_fw_tshark_fields.c $(tl_fw_testlib)
tests_timeline_test_fw_tshark_fields_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_tshark_fields_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_tshark_fields_LDADD = $(TL_TESTS_LIBS)
# tshark -T fields output made for these tests (a capture of curl and
# python's http.server between two network namespaces, tshark 4.0.17).
EXTRA_DIST += tests/timeline/data/tshark_fields_header.tsv \
	tests/timeline/data/tshark_fields_comma.csv tests/timeline/data/tshark_fields_noheader.tsv
# Their fuzzing (tests/fuzz/run-fw-other.sh, not run by make).
EXTRA_DIST += tests/fuzz/fuzz_fw_other.c tests/fuzz/run-fw-other.sh \
	tests/fuzz/fuzz_fw_other.dict tests/fuzz/corpus/fuzz_fw_other

# tests: fw-linux (Linux LOG/NFLOG lines, conntrack -E, tables)
tl_fw_linux_tests = tests/timeline/test_fw_klog tests/timeline/test_fw_conntrack \
	tests/timeline/test_fw_table tests/timeline/test_scan
check_PROGRAMS += $(tl_fw_linux_tests)
TESTS += $(tl_fw_linux_tests)
# The one test library of every firewall parser's tests (fw-other.mk too).
tl_fw_testlib = tests/timeline/fw_testlib.h tests/timeline/fw_testlib.c \
	tests/timeline/exact_copy.h
EXTRA_DIST += tests/fuzz/fuzz_fw_linux.c tests/fuzz/fuzz_fw.h tests/fuzz/fuzz_lines.h \
	tests/fuzz/run-fw-linux.sh tests/fuzz/fuzz_fw_linux.dict tests/fuzz/corpus/fuzz_fw_linux
tests_timeline_test_fw_klog_SOURCES = tests/timeline/test_fw_klog.c $(tl_fw_testlib)
tests_timeline_test_fw_klog_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_klog_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_klog_LDADD = $(TL_TESTS_LIBS)
tests_timeline_test_fw_conntrack_SOURCES = tests/timeline/test_fw_conntrack.c $(tl_fw_testlib)
tests_timeline_test_fw_conntrack_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_conntrack_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_conntrack_LDADD = $(TL_TESTS_LIBS)
tests_timeline_test_fw_table_SOURCES = tests/timeline/test_fw_table.c $(tl_fw_testlib)
tests_timeline_test_fw_table_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_table_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_table_LDADD = $(TL_TESTS_LIBS)
tests_timeline_test_scan_SOURCES = tests/timeline/test_scan.c tests/timeline/exact_copy.h
tests_timeline_test_scan_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_scan_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_scan_LDADD = $(TL_TESTS_LIBS)

# tests: fw-linux (Linux LOG/NFLOG lines, conntrack -E, tables)
tl_fw_linux_tests = tests/timeline/test_fw_klog tests/timeline/test_fw_conntrack \
	tests/timeline/test_fw_table tests/timeline/test_scan
check_PROGRAMS += $(tl_fw_linux_tests)
TESTS += $(tl_fw_linux_tests)
EXTRA_DIST += tests/timeline/fw_linux_test.h tests/fuzz/fuzz_fw_linux.c \
	tests/fuzz/run-fw-linux.sh tests/fuzz/fuzz_fw_linux.dict tests/fuzz/corpus/fuzz_fw_linux
tests_timeline_test_fw_klog_SOURCES = tests/timeline/test_fw_klog.c
tests_timeline_test_fw_klog_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_klog_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_klog_LDADD = $(TL_TESTS_LIBS)
tests_timeline_test_fw_conntrack_SOURCES = tests/timeline/test_fw_conntrack.c
tests_timeline_test_fw_conntrack_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_conntrack_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_conntrack_LDADD = $(TL_TESTS_LIBS)
tests_timeline_test_fw_table_SOURCES = tests/timeline/test_fw_table.c
tests_timeline_test_fw_table_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_fw_table_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_fw_table_LDADD = $(TL_TESTS_LIBS)
tests_timeline_test_scan_SOURCES = tests/timeline/test_scan.c
tests_timeline_test_scan_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_scan_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_scan_LDADD = $(TL_TESTS_LIBS)

# Tests of the timeline tool's core: time stamps, line reading, records,
# attribution and explanation, and the program end to end.
tl_core_tests = tests/timeline/test_core_time tests/timeline/test_core_lines \
	tests/timeline/test_core_attrib
check_PROGRAMS += $(tl_core_tests)
TESTS += $(tl_core_tests) tests/timeline/merge-cli.sh tests/timeline/patched-vs-shim.sh \
	tests/timeline/fwrig-data.sh
EXTRA_DIST += tests/timeline/merge-cli.sh tests/timeline/patched-vs-shim.sh \
	tests/timeline/fwrig-data.sh tests/timeline/data/patched-7.20.5 tests/timeline/data/fwrig

tests_timeline_test_core_time_SOURCES = tests/timeline/test_core_time.c
tests_timeline_test_core_time_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_core_time_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_core_time_LDADD = $(TL_TESTS_LIBS)

tests_timeline_test_core_lines_SOURCES = tests/timeline/test_core_lines.c
tests_timeline_test_core_lines_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_core_lines_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_core_lines_LDADD = $(TL_TESTS_LIBS)

tests_timeline_test_core_attrib_SOURCES = tests/timeline/test_core_attrib.c
tests_timeline_test_core_attrib_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_core_attrib_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_core_attrib_LDADD = $(TL_TESTS_LIBS)

# The core's fuzz harness (run by scripts/test.sh through run-harness.sh,
# the one builder every harness uses).
EXTRA_DIST += tests/fuzz/fuzz_core.c tests/fuzz/run-core.sh tests/fuzz/run-harness.sh \
	tests/fuzz/corpus/fuzz_core

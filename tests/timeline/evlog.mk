# tests: evlog -- the client's event log in each form.
tl_evlog_tests = tests/timeline/test_evlog_client tests/timeline/test_evlog_journal \
	tests/timeline/test_evlog_manager
check_PROGRAMS += $(tl_evlog_tests)
TESTS += $(tl_evlog_tests)
tests_timeline_test_evlog_client_SOURCES = tests/timeline/test_evlog_client.c \
	tests/timeline/evlog_test.h tests/timeline/exact_copy.h
tests_timeline_test_evlog_client_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_evlog_client_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_evlog_client_LDADD = $(TL_TESTS_LIBS)
tests_timeline_test_evlog_journal_SOURCES = tests/timeline/test_evlog_journal.c \
	tests/timeline/evlog_test.h tests/timeline/exact_copy.h
tests_timeline_test_evlog_journal_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_evlog_journal_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_evlog_journal_LDADD = $(TL_TESTS_LIBS)
tests_timeline_test_evlog_manager_SOURCES = tests/timeline/test_evlog_manager.c \
	tests/timeline/evlog_test.h tests/timeline/exact_copy.h
tests_timeline_test_evlog_manager_CPPFLAGS = $(TL_TESTS_INCLUDES)
tests_timeline_test_evlog_manager_CFLAGS = $(TL_TESTS_COPTS)
tests_timeline_test_evlog_manager_LDADD = $(TL_TESTS_LIBS)
# The fuzz harness of the event-log forms (run by tests/fuzz/run-evlog-pcap.sh).
EXTRA_DIST += tests/fuzz/fuzz_evlog.c tests/fuzz/fuzz_evlog.dict tests/fuzz/corpus/fuzz_evlog \
	tests/fuzz/run-evlog-pcap.sh

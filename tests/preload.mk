# Tests of the shim under LD_PRELOAD against a ground-truth server
# (tests/preload/).  Included from tests/local.mk; paths are from the top.

preload_clients = \
	tests/preload/curl_seq \
	tests/preload/curl_multi \
	tests/preload/raw_dup \
	tests/preload/raw_fdreuse \
	tests/preload/raw_io \
	tests/preload/raw_close \
	tests/preload/raw_fork \
	tests/preload/raw_errno

check_PROGRAMS += tests/preload/truth_server $(preload_clients)

tests_preload_truth_server_SOURCES = \
	tests/preload/truth_server.c \
	tests/preload/truth_http.c tests/preload/truth_http.h \
	tests/preload/tbuf.c tests/preload/tbuf.h

preload_curl_sources = tests/preload/curl_common.c tests/preload/curl_common.h
tests_preload_curl_seq_SOURCES = tests/preload/curl_seq.c $(preload_curl_sources)
tests_preload_curl_seq_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS)
tests_preload_curl_seq_LDADD = $(CURL_LIBS)
tests_preload_curl_multi_SOURCES = tests/preload/curl_multi.c $(preload_curl_sources)
tests_preload_curl_multi_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS)
tests_preload_curl_multi_LDADD = $(CURL_LIBS)

preload_raw_sources = tests/preload/rawnet.c tests/preload/rawnet.h
tests_preload_raw_dup_SOURCES = tests/preload/raw_dup.c $(preload_raw_sources)
tests_preload_raw_fdreuse_SOURCES = tests/preload/raw_fdreuse.c $(preload_raw_sources)
tests_preload_raw_io_SOURCES = tests/preload/raw_io.c $(preload_raw_sources)
tests_preload_raw_close_SOURCES = tests/preload/raw_close.c $(preload_raw_sources)
tests_preload_raw_fork_SOURCES = tests/preload/raw_fork.c $(preload_raw_sources)
tests_preload_raw_errno_SOURCES = tests/preload/raw_errno.c $(preload_raw_sources)

preload_tests = \
	tests/preload/curl-keepalive.sh \
	tests/preload/curl-close.sh \
	tests/preload/curl-multi.sh \
	tests/preload/curl-ipv6.sh \
	tests/preload/raw-dup.sh \
	tests/preload/raw-fdreuse.sh \
	tests/preload/raw-io.sh \
	tests/preload/close-unread.sh \
	tests/preload/close-kinds.sh \
	tests/preload/fork-threads.sh \
	tests/preload/errno-parity.sh \
	tests/preload/programs-filter.sh \
	tests/preload/trace-file.sh \
	tests/preload/valgrind.sh \
	tests/preload/curl-exchanges.sh

TESTS += $(preload_tests)
EXTRA_DIST += $(preload_tests) tests/preload/lib.sh tests/preload/check_trace.py \
	tests/preload/check_exchanges.py

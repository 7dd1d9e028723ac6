# bench: the speed benchmarks (docs/benchmarks.md).  They are not tests:
# "make" builds their programs, "make bench" runs bench/run-all.sh, which
# prints the table and saves it in bench/results.txt.

# Benchmarks time release code: never build them with the sanitizers.
BENCH_CFLAGS = -std=c11 $(WARN_CFLAGS)

noinst_PROGRAMS += bench/bench-server bench/bench-client bench/bench-hotpath bench/gen-fwlog

# The timeline benchmark's input: a big firewall log and its trace.
bench_gen_fwlog_SOURCES = bench/gen-fwlog.c
bench_gen_fwlog_CFLAGS = $(BENCH_CFLAGS) -O2
bench_gen_fwlog_LDFLAGS =

bench_bench_server_SOURCES = bench/bench-server.c \
	bench/loopback.c bench/loopback.h
bench_bench_server_CFLAGS = $(BENCH_CFLAGS)
bench_bench_server_LDFLAGS =

bench_bench_client_SOURCES = bench/bench-client.c
bench_bench_client_CFLAGS = $(BENCH_CFLAGS) $(CURL_CFLAGS)
bench_bench_client_LDFLAGS =
bench_bench_client_LDADD = $(CURL_LIBS)

bench_bench_hotpath_SOURCES = bench/bench-hotpath.c \
	bench/loopback.c bench/loopback.h
bench_bench_hotpath_CFLAGS = $(BENCH_CFLAGS)
bench_bench_hotpath_LDFLAGS =

# The baseline of the hot-path benchmark: a preloadable module that only
# passes send/recv/read/write through (-rpath makes libtool build it
# shared although it is never installed).
noinst_LTLIBRARIES += bench/passthrough_shim.la
bench_passthrough_shim_la_SOURCES = bench/passthrough_shim.c
bench_passthrough_shim_la_CFLAGS = $(BENCH_CFLAGS)
bench_passthrough_shim_la_LDFLAGS = -module -avoid-version -shared \
	-rpath $(abs_builddir)/bench

BENCH_DIST_FILES = bench/run-all.sh bench/bench-lib.sh bench/bench-curl.sh \
	bench/bench-callgrind.sh bench/report.sh bench/bench-timeline.sh
EXTRA_DIST += $(BENCH_DIST_FILES) docs/benchmarks.md
CLEANFILES += bench/results.txt

.PHONY: bench
bench: all
	bash $(srcdir)/bench/run-all.sh --builddir $(abs_top_builddir) \
	    --out bench/results.txt

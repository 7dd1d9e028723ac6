# docs: the manual pages, written by hand, and a test that keeps them
# well-formed and in step with the trace format.

dist_man_MANS += docs/man/netlife-run.1 docs/man/libnetlife.7 \
	docs/man/netlife-trace.5 docs/man/netlife-systemd.8 docs/man/netlife.1
EXTRA_DIST += docs/trace-format.md docs/timeline-format.md docs/timeline-design.md \
	docs/test-man-pages.sh
TESTS += docs/test-man-pages.sh

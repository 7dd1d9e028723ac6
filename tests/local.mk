# Tests: unit tests (cmocka) here; each group of programs under the
# preload and the real-client rig keep their own rules.
AM_TESTS_ENVIRONMENT = \
	NETLIFE_SHIM='$(abs_top_builddir)/wrapper/.libs/libnetlife.so'; \
	NETLIFE_RUN='$(abs_top_builddir)/wrapper/netlife-run'; \
	top_srcdir='$(abs_top_srcdir)'; top_builddir='$(abs_top_builddir)'; \
	export NETLIFE_SHIM NETLIFE_RUN top_srcdir top_builddir;

include $(srcdir)/tests/unit.mk
include $(srcdir)/tests/preload.mk
include $(srcdir)/tests/rig.mk
include $(srcdir)/tests/sched_xml.mk
include $(srcdir)/tests/rig-xchg.mk
include $(srcdir)/tests/timeline.mk
include $(srcdir)/tests/fwrig.mk

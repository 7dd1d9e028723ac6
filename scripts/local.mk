# scripts: netlife-systemd, made from scripts/netlife-systemd.in like the
# launcher (netlife_edit_script is in wrapper/launcher.mk), and the tests
# of both scripts.

bin_SCRIPTS += scripts/netlife-systemd
CLEANFILES += scripts/netlife-systemd
EXTRA_DIST += scripts/netlife-systemd.in \
	scripts/test-netlife-run.sh scripts/test-netlife-systemd.sh
TESTS += scripts/test-netlife-run.sh scripts/test-netlife-systemd.sh

scripts/netlife-systemd: $(srcdir)/scripts/netlife-systemd.in Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && rm -f $@ $@.tmp && \
	$(netlife_edit_script) $(srcdir)/scripts/netlife-systemd.in >$@.tmp && \
	chmod +x,a-w $@.tmp && mv $@.tmp $@

include $(srcdir)/patches/local.mk

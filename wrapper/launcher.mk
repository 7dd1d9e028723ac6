# The launcher, netlife-run: a sh script made from wrapper/netlife-run.in
# with the installed library's path and the version filled in.  It holds
# no build-tree path: it finds the uninstalled library by looking beside
# itself (see build_tree_shim in the script), so the installed copy is
# the same file as the one the tests run.

bin_SCRIPTS += wrapper/netlife-run
CLEANFILES += wrapper/netlife-run
EXTRA_DIST += wrapper/netlife-run.in

# Substitutes configure's values into a script template; shared with
# scripts/local.mk.
netlife_edit_script = sed \
	-e 's|@pkglibdir[@]|$(pkglibdir)|g' \
	-e 's|@PACKAGE_VERSION[@]|$(PACKAGE_VERSION)|g'

wrapper/netlife-run: $(srcdir)/wrapper/netlife-run.in Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && rm -f $@ $@.tmp && \
	$(netlife_edit_script) $(srcdir)/wrapper/netlife-run.in >$@.tmp && \
	chmod +x,a-w $@.tmp && mv $@.tmp $@

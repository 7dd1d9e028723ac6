# patches: netlife's <conn_debug> patch series for BOINC source trees (and
# the graceful close on top of them, patches/fix), the
# script that applies them (scripts/netlife-patch-boinc) and their tests.
# Included from scripts/local.mk.  Installed under $(pkgdatadir)/patches,
# where the installed script finds them (PREFIX/share/netlife/patches).

bin_SCRIPTS += scripts/netlife-patch-boinc
EXTRA_DIST += scripts/netlife-patch-boinc

netlife_patches_720dir = $(pkgdatadir)/patches/7.20
dist_netlife_patches_720_DATA = patches/7.20/series \
	patches/7.20/0001-client-add-conn_debug-log-flag.patch
netlife_patches_82dir = $(pkgdatadir)/patches/8.2
dist_netlife_patches_82_DATA = patches/8.2/series \
	patches/8.2/0001-client-add-conn_debug-log-flag.patch
netlife_patches_masterdir = $(pkgdatadir)/patches/master
dist_netlife_patches_master_DATA = patches/master/series
netlife_patches_commondir = $(pkgdatadir)/patches/common
dist_netlife_patches_common_DATA = \
	patches/common/0002-client-conn-records-of-connections-and-exchanges.patch \
	patches/common/0003-client-log-connections-and-exchanges-with-conn_debug.patch
# The graceful close (netlife-patch-boinc --fix), on top of any series.
netlife_patches_fixdir = $(pkgdatadir)/patches/fix
dist_netlife_patches_fix_DATA = patches/fix/series \
	patches/fix/0004-client-close-connections-gracefully.patch

# Both need a BOINC tree (BOINC_SRC) or a patched client (BOINC_BUILD) and
# skip (77) without one; see docs/patches.md.
TESTS += tests/patches/test-apply.sh tests/patches/test-patched-client.sh
EXTRA_DIST += tests/patches/test-apply.sh tests/patches/test-patched-client.sh \
	tests/patches/check-conn-ports.py docs/patches.md

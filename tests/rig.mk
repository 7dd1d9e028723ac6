# The real-client test rig: Debian's /usr/bin/boinc against a fake project
# (nginx in front, tests/rig/scheduler behind it) in a private namespace.
# Built with "make" (not only "make check") so that tests/rig/real-client.sh
# can be run by hand after a plain build.

noinst_PROGRAMS += tests/rig/scheduler tests/rig/codesign

tests_rig_scheduler_SOURCES = tests/rig/scheduler.c

tests_rig_codesign_SOURCES = tests/rig/codesign.c
tests_rig_codesign_CFLAGS = $(AM_CFLAGS) $(OPENSSL_CFLAGS)
tests_rig_codesign_LDADD = $(OPENSSL_LIBS)

TESTS += tests/rig/check-real-client.sh

EXTRA_DIST += \
	tests/rig/check-real-client.sh \
	tests/rig/rig-needs.sh \
	tests/rig/check-trace.py \
	tests/rig/fakeapp.sh \
	tests/rig/file-stub.sh \
	tests/rig/inside-ns.sh \
	tests/rig/make-datadir.sh \
	tests/rig/make-nginx-conf.sh \
	tests/rig/make-project.sh \
	tests/rig/real-client.sh

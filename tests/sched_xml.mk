# The scheduler-XML summary (wrapper/nl_sched_xml.c): its cmocka unit test,
# linked against the module's sources directly, and the libFuzzer harness
# with its seeds (built by tests/fuzz/build-and-run.sh, not by make).
# Included from tests/local.mk; paths are from the top.

check_PROGRAMS += tests/unit/test_sched_xml
TESTS += tests/unit/test_sched_xml

tests_unit_test_sched_xml_SOURCES = tests/unit/test_sched_xml.c \
	wrapper/nl_sched_xml.c wrapper/nl_sched_xml.h \
	wrapper/nl_url.c wrapper/nl_url.h
tests_unit_test_sched_xml_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) \
	$(EXPAT_CFLAGS) -pthread
tests_unit_test_sched_xml_LDADD = $(EXPAT_LIBS) $(CMOCKA_LIBS) -lpthread

EXTRA_DIST += \
	tests/fuzz/fuzz_sched_xml.c \
	tests/fuzz/build-and-run.sh \
	tests/fuzz/fuzz_sched_xml.dict \
	tests/fuzz/corpus/fuzz_sched_xml

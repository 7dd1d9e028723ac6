# cmocka unit tests of the record format, the connection table and the
# history letters (linked against the shim's wrapper-free core).
unit_tests = tests/unit/test_text tests/unit/test_conn_table \
	tests/unit/test_exchange_text
check_PROGRAMS += $(unit_tests)
TESTS += $(unit_tests)

tests_unit_test_text_SOURCES = tests/unit/test_text.c
tests_unit_test_text_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_text_LDADD = wrapper/libnlrecord.la $(CMOCKA_LIBS)

tests_unit_test_conn_table_SOURCES = tests/unit/test_conn_table.c
tests_unit_test_conn_table_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_conn_table_LDADD = wrapper/libnlrecord.la $(CMOCKA_LIBS)

tests_unit_test_exchange_text_SOURCES = tests/unit/test_exchange_text.c
tests_unit_test_exchange_text_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS)
tests_unit_test_exchange_text_LDADD = wrapper/libnlrecord.la $(CMOCKA_LIBS)

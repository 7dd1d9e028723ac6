/* Unit tests of the time stamps every parser relies on: exact UTC µs for
 * each written form, zones and DST (checked against known instants), year
 * inference across New Year, and refusals of malformed stamps. */
#include "config.h"
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "tl_time.h"

static const struct tl_time_opts no_opts;

/* Parse with fn-like wrappers and return the µs, failing if not all used. */
static int64_t iso(const char *s)
{
	int64_t t = 0;
	unsigned res;
	assert_int_equal(tl_time_iso(&no_opts, s, strlen(s), &t, &res), strlen(s));
	return t;
}

static void test_iso_offsets(void **state)
{
	(void)state;
	/* 2026-11-26T19:30:19.615902Z = 1795721419.615902 */
	assert_int_equal(iso("2026-11-26T20:30:19.615902+01:00"), 1795721419615902LL);
	assert_int_equal(iso("2026-11-26T20:30:19.615902+0100"), 1795721419615902LL);
	assert_int_equal(iso("2026-11-26T19:30:19.615902Z"), 1795721419615902LL);
	assert_int_equal(iso("2026-11-26T14:00:19.615902-05:30"), 1795721419615902LL);
}

static void test_zone_and_dst(void **state)
{
	(void)state;
	assert_int_equal(tl_time_use_zone("Europe/Berlin"), 0);
	/* winter: UTC+1; summer: UTC+2 */
	assert_int_equal(iso("2026-11-26 20:30:19"), 1795721419000000LL);
	assert_int_equal(iso("2026-07-01 12:00:00"), iso("2026-07-01T10:00:00Z"));
	assert_int_equal(iso("2026-03-29 01:59:59") + 1000000, iso("2026-03-29 03:00:00"));
	assert_int_equal(tl_time_use_zone("UTC"), 0);
	assert_int_equal(iso("2026-07-01 12:00:00"), iso("2026-07-01T12:00:00Z"));
	assert_int_equal(tl_time_use_zone("No/Such_Zone"), -1);
}

static void test_boinc_stamp(void **state)
{
	int64_t t;
	unsigned res;
	(void)state;
	assert_int_equal(tl_time_use_zone("UTC"), 0);
	const char *s = "26-Nov-2026 19:30:19 [p] x";
	assert_int_equal(tl_time_boinc(&no_opts, s, strlen(s), &t, &res), 20);
	assert_int_equal(t, 1795721419000000LL);
	assert_int_equal(res, 1000000);
	s = "26-Nov-2026 19:30:19.000123";
	assert_int_equal(tl_time_boinc(&no_opts, s, strlen(s), &t, &res), strlen(s));
	assert_int_equal(t, 1795721419000123LL);
	assert_int_equal(res, 1);
	s = "31-Feb-2026 19:30:19";
	assert_int_equal(tl_time_boinc(&no_opts, s, strlen(s), &t, &res), 0);
	s = "26-Foo-2026 19:30:19";
	assert_int_equal(tl_time_boinc(&no_opts, s, strlen(s), &t, &res), 0);
	s = "26-Nov-2026 19:30";	/* cut */
	assert_int_equal(tl_time_boinc(&no_opts, s, strlen(s), &t, &res), 0);
}

static void test_syslog_year_guess(void **state)
{
	int64_t t;
	unsigned res;
	struct tl_year_guess y = { 0 };
	struct tl_time_opts o = { 0 };
	(void)state;
	assert_int_equal(tl_time_use_zone("UTC"), 0);
	o.ref_us = iso("2027-01-02 00:00:00") ;
	/* A December stamp read near 2 January belongs to the year before... */
	const char *s = "Dec 31 23:59:59 host kernel:";
	assert_int_equal(tl_time_syslog(&o, &y, s, strlen(s), &t, &res), 15);
	assert_int_equal(t, iso("2026-12-31 23:59:59"));
	/* ...and the file moves on into the new year. */
	s = "Jan  1 00:00:01.5 host";
	assert_int_equal(tl_time_syslog(&o, &y, s, strlen(s), &t, &res), 17);
	assert_int_equal(t, iso("2027-01-01 00:00:01") + 500000);
	assert_int_equal(res, 100000);
	s = "Jan 1 00:00:01";	/* day not padded: not syslog */
	assert_int_equal(tl_time_syslog(&o, &y, s, strlen(s), &t, &res), 0);
}

static void test_epoch_and_day(void **state)
{
	int64_t t;
	unsigned res;
	(void)state;
	const char *s = "1795725024.442977 IP";
	assert_int_equal(tl_time_epoch(s, strlen(s), &t, &res), 17);
	assert_int_equal(t, 1795725024442977LL);
	s = "1795725024.442977123";	/* ns: cut to µs */
	assert_int_equal(tl_time_epoch(s, strlen(s), &t, &res), strlen(s));
	assert_int_equal(t, 1795725024442977LL);
	s = "1795725024.4429771234";	/* 10 digits: no */
	assert_int_equal(tl_time_epoch(s, strlen(s), &t, &res), 0);
	s = "179572502441234";		/* too many digits for an epoch */
	assert_int_equal(tl_time_epoch(s, strlen(s), &t, &res), 0);
	s = "20:30:19.615";
	assert_int_equal(tl_time_of_day(s, strlen(s), &t, &res), strlen(s));
	assert_int_equal(t, (20 * 3600 + 30 * 60 + 19) * 1000000LL + 615000);
	assert_int_equal(res, 1000);
	s = "24:00:00";
	assert_int_equal(tl_time_of_day(s, strlen(s), &t, &res), 0);
}

static void test_format_round_trip(void **state)
{
	char buf[40];
	(void)state;
	assert_int_equal(tl_time_use_zone("Europe/Berlin"), 0);
	tl_time_format(&no_opts, 1795721419615902LL, buf, sizeof buf);
	assert_string_equal(buf, "26-Nov-2026 20:30:19.615902");
	assert_int_equal(tl_time_use_zone("UTC"), 0);
	tl_time_format(&no_opts, 1795721419615902LL, buf, sizeof buf);
	assert_string_equal(buf, "26-Nov-2026 19:30:19.615902");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso_offsets),
		cmocka_unit_test(test_zone_and_dst),
		cmocka_unit_test(test_boinc_stamp),
		cmocka_unit_test(test_syslog_year_guess),
		cmocka_unit_test(test_epoch_and_day),
		cmocka_unit_test(test_format_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

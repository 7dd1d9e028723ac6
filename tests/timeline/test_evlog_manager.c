/* test_evlog_manager.c -- event-log text copied out of BOINC Manager: the
 * three column separators and the locale time forms. */
#include "config.h"
#include "evlog_test.h"

#define T_20_30_19 (1795721419LL * SEC)	/* 26-Nov-2026 20:30:19 CET */

static void manager_forms(void **state)
{
	(void)state;
	const struct tl_evlog_format *f = &tl_evlog_manager;
	/* glibc en_US %c, "|" (the notes' Milkyway line); CEST */
	evlog_expect(f, "Tue 05 May 2009 02:07:26 AM CDT|Milkyway@home|Sending scheduler request: To fetch work. Requesting 27619 seconds of work, reporting 0 completed tasks",
		     1241482046LL * SEC, 1000000, "Milkyway@home",
		     "Sending scheduler request: To fetch work. Requesting 27619 seconds of work, reporting 0 completed tasks");
	/* Windows en_US: M/D/YYYY with PM */
	evlog_expect(f, "6/4/2005 6:32:55 PM|SETI@home|Sending scheduler request", 1117902775LL * SEC,
		     1000000, "SETI@home", "Sending scheduler request");
	/* 7.x/8.x " | ", 24 h numeric: D.M.YYYY and D/M/YYYY */
	evlog_expect(f, "26.11.2026 20:30:19 | test-project | Sending scheduler request: To fetch work.",
		     T_20_30_19, 1000000, "test-project", "Sending scheduler request: To fetch work.");
	evlog_expect(f, "26/11/2026 20:30:19 | p | m", T_20_30_19, 1000000, "p", "m");
	/* empty project column in both bar forms; tabs (6.8/6.10) */
	evlog_expect(f, "Thu Nov 26 20:30:19 2026 |  | Starting BOINC client", T_20_30_19, 1000000,
		     "", "Starting BOINC client");
	evlog_expect(f, "Thu Nov 26 20:30:19 2026||Starting BOINC client", T_20_30_19, 1000000,
		     "", "Starting BOINC client");
	evlog_expect(f, "Thu 26 Nov 2026 08:30:19 PM CET\ttest-project\tm\r", T_20_30_19, 1000000,
		     "test-project", "m");
	evlog_expect(f, "Thu 26 Nov 2026 20:30:19 CET | p | m", T_20_30_19, 1000000, "p", "m");
	evlog_expect(f, "Sat Jun  4 18:32:55 2005|p|m", 1117902775LL * SEC, 1000000, "p", "m");
	/* 12 AM is midnight, 12 PM noon */
	evlog_expect(f, "11/26/2026 12:05:00 AM|p|m", 1795647900LL * SEC, 1000000, "p", "m");
	evlog_expect(f, "11/26/2026 12:05:00 PM|p|m", (1795647900LL + 12 * 3600) * SEC, 1000000, "p", "m");
	/* BOINC's and ISO stamps, "---", a message with bars, [conn] records */
	evlog_expect(f, "26-Nov-2026 20:30:19 | --- | a | b", T_20_30_19, 1000000, "", "a | b");
	evlog_expect(f, "2026-11-26 20:30:19|p|[conn] ev=close", T_20_30_19, 1000000, "p", "[conn] ev=close");
}

static void manager_hostile(void **state)
{
	(void)state;
	const struct tl_evlog_format *f = &tl_evlog_manager;
	static const char *const skipped[] = {
		"continued text of a long message",
		"",
	};
	EVLOG_EXPECT_EACH(f, skipped, TL_PARSE_SKIP);
	static const char *const rejected[] = {
		"6/4/2005 6:32:55 PM|no project column",
		"6/4/2005 6:32:55 PM|",
		"13/13/2026 20:30:19|p|m",
		"6/4/2005 13:32:55 PM|p|m",
		"6/4/2005 0:32:55 AM|p|m",
		"6/4/05 6:32:55 PM|p|m",
		"6/4/2005 6:32 PM|p|m",
		"6/4/2005 6:32:55 XM|p|m",
		"Di 05 Mai 2009 02:07:26 CEST|p|m",
		"Tue 05 Foo 2009 02:07:26 AM CDT|p|m",
		"Tue 05 May 2009 02:07:26 AM CDT junk|p|m",
		"Tue May  5 02:07:26|p|m",
		"31.02.2026 20:30:19|p|m",
		"26-Nov-2026 20:30:19 [p] a|b|c",
		"|p|m",
		"99999999999999999999/1/2026 1:00:00 PM|p|m",
	};
	EVLOG_EXPECT_EACH(f, rejected, TL_PARSE_BAD);
	static const char nul[] = "26.11.2026 20:30:19|p\0|m\0";
	struct tl_logline l;
	assert_int_equal(evlog_parse_n(f, nul, sizeof nul - 1, &l), TL_PARSE_SEGMENT);
	assert_int_equal(l.project_len, 2);
	assert_int_equal(l.msg_len, 2);
	/* the same lines are not claimed by sniffing either */
	for (size_t i = 0; i < sizeof rejected / sizeof rejected[0]; i++)
		assert_int_equal(evlog_sniff(f, rejected[i]), 0);
}

int main(void)
{
	evlog_test_zone();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(manager_forms, evlog_test_teardown),
		cmocka_unit_test_teardown(manager_hostile, evlog_test_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_evlog_client.c -- the client's own log (stdoutdae.txt) and
 * boinccmd --get_messages, and the detection order of all event-log forms. */
#include "config.h"
#include "evlog_test.h"

#define T_20_30_19 (1795721419LL * SEC)	/* 26-Nov-2026 20:30:19 CET */

/* Lines as client_msgs.cpp prints them, and the sample file's 5.x and 6.x lines. */
static void stdoutdae_lines(void **state)
{
	(void)state;
	const struct tl_evlog_format *f = &tl_evlog_stdoutdae;
	evlog_expect(f, "26-Nov-2026 20:30:19 [test-project] Sending scheduler request: To fetch work.",
		     T_20_30_19, 1000000, "test-project", "Sending scheduler request: To fetch work.");
	/* 5.x, summer time (CEST, +2) */
	evlog_expect(f, "2005-06-15 13:05:05 [SETI@home] Sending scheduler request to http://setiboinc.ssl.berkeley.edu/sah_cgi/cgi",
		     1118833505LL * SEC, 1000000, "SETI@home",
		     "Sending scheduler request to http://setiboinc.ssl.berkeley.edu/sah_cgi/cgi");
	evlog_expect(f, "12-May-2009 14:03:27 [Milkyway@home] Scheduler request completed: got 0 new tasks",
		     1242129807LL * SEC, 1000000, "Milkyway@home", "Scheduler request completed: got 0 new tasks");
	evlog_expect(f, "26-Nov-2026 20:30:19 [---] [http] [ID#1] Info:  Connected to x (1.2.3.4) port 443 (#3)",
		     T_20_30_19, 1000000, "", "[http] [ID#1] Info:  Connected to x (1.2.3.4) port 443 (#3)");
	evlog_expect(f, "26-Nov-2026 20:30:19 [World Community Grid] Started download",
		     T_20_30_19, 1000000, "World Community Grid", "Started download");
	evlog_expect(f, "26-Nov-2026 20:30:19 [https://master.url/] Fetching scheduler list",
		     T_20_30_19, 1000000, "https://master.url/", "Fetching scheduler list");
	/* the patched client's connection records are plain messages */
	evlog_expect(f, "26-Nov-2026 20:30:19 [---] [conn] ev=close id=7 fd=12",
		     T_20_30_19, 1000000, "", "[conn] ev=close id=7 fd=12");
	/* untagged, tag with an empty message, CRLF */
	evlog_expect(f, "26-Nov-2026 23:46:56 Initialization completed", 1795733216LL * SEC, 1000000,
		     "", "Initialization completed");
	evlog_expect(f, "26-Nov-2026 20:30:19 [p] ", T_20_30_19, 1000000, "p", "");
	evlog_expect(f, "26-Nov-2026 20:30:19 [p]", T_20_30_19, 1000000, "p", "");
	evlog_expect(f, "26-Nov-2026 20:30:19 [p] msg\r", T_20_30_19, 1000000, "p", "msg");
	/* "]" inside a project name without a space after it */
	evlog_expect(f, "26-Nov-2026 20:30:19 [a]b] m", T_20_30_19, 1000000, "a]b", "m");
}

/* Continuation lines and damaged stamps. */
static void stdoutdae_hostile(void **state)
{
	(void)state;
	const struct tl_evlog_format *f = &tl_evlog_stdoutdae;
	struct tl_logline l;
	static const char *const skipped[] = {
		"<scheduler_reply>",
		"",
		"26-Nov-20",	/* truncated: no stamp */
	};
	EVLOG_EXPECT_EACH(f, skipped, TL_PARSE_SKIP);
	static const char *const rejected[] = {
		"26-Nov-2026 25:30:19 [p] m",
		"26-Foo-2026 20:30:19 [p] m",
		"31-Feb-2026 20:30:19 [p] m",
		"2026-13-01 20:30:19 [p] m",
		"26-Nov-2026 20:30:19",
		"26-Nov-2026 20:30:19 ",
		"26-Nov-2026 20:30:19.5 [p] m",
	};
	EVLOG_EXPECT_EACH(f, rejected, TL_PARSE_BAD);
	/* NULs and binary are data, not terminators */
	static const char nul_line[] = "26-Nov-2026 20:30:19 [p\0q] m\0\xff";
	assert_int_equal(evlog_parse_n(f, nul_line, sizeof nul_line - 1, &l), TL_PARSE_SEGMENT);
	assert_int_equal(l.project_len, 3);
	assert_int_equal(l.msg_len, 3);
	/* an unterminated tag is text; an over-long one too */
	evlog_expect(f, "26-Nov-2026 20:30:19 [never closed", T_20_30_19, 1000000, "", "[never closed");
	char line[600];
	memset(line, 'x', sizeof line);
	memcpy(line, "26-Nov-2026 20:30:19 [", 22);
	memcpy(line + 22 + 300, "] m", 3);
	assert_int_equal(evlog_parse_n(f, line, sizeof line, &l), TL_PARSE_SEGMENT);
	assert_int_equal(l.project_len, 0);
	assert_int_equal(l.msg_len, sizeof line - 21);
}

/* boinc_cmd.cpp's "%d: %s (%s) [%s] %s" with every priority name. */
static void boinccmd_lines(void **state)
{
	(void)state;
	const struct tl_evlog_format *f = &tl_evlog_boinccmd;
	evlog_expect(f, "1234: 26-Nov-2026 20:30:19 (low) [Einstein@Home] Scheduler request completed: got 2 new tasks",
		     T_20_30_19, 1000000, "Einstein@Home", "Scheduler request completed: got 2 new tasks");
	evlog_expect(f, "1: 26-Nov-2026 20:30:19 (low) [] Starting BOINC client version 7.20.5 for x86_64-pc-linux-gnu",
		     T_20_30_19, 1000000, "", "Starting BOINC client version 7.20.5 for x86_64-pc-linux-gnu");
	evlog_expect(f, "56: 26-Nov-2026 20:30:19 (user notification) [test-project] Message from server: Server is down",
		     T_20_30_19, 1000000, "test-project", "Message from server: Server is down");
	evlog_expect(f, "57: 26-Nov-2026 20:30:19 (internal error) [] [error] No project",
		     T_20_30_19, 1000000, "", "[error] No project");
	evlog_expect(f, "58: 2005-06-15 13:05:05 (high) [SETI@home] m", 1118833505LL * SEC, 1000000,
		     "SETI@home", "m");
	evlog_expect(f, "59: 26-Nov-2026 20:30:19 (low) [---] [conn] ev=open\r", T_20_30_19, 1000000,
		     "", "[conn] ev=open");
	/* 5.x "%s %d %d %s": project, priority, Unix time */
	evlog_expect(f, "SETI@home 1 1118833505 Sending scheduler request", 1118833505LL * SEC, 1000000,
		     "SETI@home", "Sending scheduler request");
	evlog_expect(f, "World Community Grid 2 1118833505 x", 1118833505LL * SEC, 1000000,
		     "World Community Grid", "x");
	evlog_expect(f, " 1 1118833505 Starting BOINC", 1118833505LL * SEC, 1000000, "", "Starting BOINC");
}

static void boinccmd_hostile(void **state)
{
	(void)state;
	const struct tl_evlog_format *f = &tl_evlog_boinccmd;
	static const char *const skipped[] = {
		"second line of a body",
		"",
		"12345678901: 26-Nov-2026 20:30:19 (low) [p] m",
	};
	EVLOG_EXPECT_EACH(f, skipped, TL_PARSE_SKIP);
	static const char *const rejected[] = {
		"1: 26-Nov-2026 99:30:19 (low) [p] m",
		"1: 26-Nov-2026 20:30:19 low [p] m",
		"1: 26-Nov-2026 20:30:19 (low [p] m",
		"1: 26-Nov-2026 20:30:19 () [p] m",
		"1: 26-Nov-2026 20:30:19 (low)",
		"1: 26-Nov-2026 20:30:19 (low) ",
		"1: 26-Nov-2026 20:30:19 (a very long priority name that goes on) [p] m",
	};
	EVLOG_EXPECT_EACH(f, rejected, TL_PARSE_BAD);
	static const char *const not_old_form[] = {	/* numbers that are no priority/time pair */
		"p 123 1118833505 m",
		"p 1 12345678 m",
		"p 1 99999999999 m",
	};
	EVLOG_EXPECT_EACH(f, not_old_form, TL_PARSE_SKIP);
}

/* Every form's typical line is claimed first by its own sniff, in the
 * registry's order, and the other forms' sniffs do not take it. */
static void detection_order(void **state)
{
	(void)state;
	static const struct { const char *line, *format; } cases[] = {
		{ "26-Nov-2026 20:30:19 [test-project] Sending scheduler request: To fetch work.", "stdoutdae" },
		{ "2005-06-15 13:05:05 [SETI@home] Sending scheduler request to http://x/cgi", "stdoutdae" },
		{ "26-Nov-2026 20:30:19 [---] a|b|c with bars", "stdoutdae" },
		{ "1234: 26-Nov-2026 20:30:19 (low) [Einstein@Home] Scheduler request completed", "boinccmd" },
		{ "SETI@home 1 1118833505 Sending scheduler request", "boinccmd" },
		{ "Oct 05 08:53:34 host boinc[1678]: 05-Oct-2022 08:53:34 [World Community Grid] [http] x", "journal" },
		{ "2026-11-26T20:30:19.615902+0100 host boinc[1]: 26-Nov-2026 20:30:19 [p] m", "journal" },
		{ "-- Journal begins at Thu 2026-11-26 10:00:00 CET, ends at Thu 2026-11-26 21:00:00 CET. --", "journal" },
		{ "{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":\"26-Nov-2026 20:30:19 [p] m\"}", "journal_json" },
		{ "Tue 05 May 2009 02:07:26 AM CDT|Milkyway@home|Sending scheduler request: To fetch work.", "manager" },
		{ "6/4/2005 6:32:55 PM|SETI@home|Sending scheduler request", "manager" },
		{ "26.11.2026 20:30:19 | test-project | Sending scheduler request", "manager" },
		{ "Thu Nov 26 20:30:19 2026\t\tStarting BOINC client", "manager" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct tl_evlog_format *got = NULL;
		for (unsigned k = 0; tl_evlog_formats[k] && !got; k++)
			if (evlog_sniff(tl_evlog_formats[k], cases[i].line))
				got = tl_evlog_formats[k];
		if (!got || strcmp(got->name, cases[i].format) != 0)
			fail_msg("line %zu taken by %s, want %s", i, got ? got->name : "none",
				 cases[i].format);
		/* ... and it parses in the form it was detected as (the journal's
	   header line is skipped) */
		struct tl_logline l;
		assert_int_equal(evlog_parse(got, cases[i].line, &l),
				 strncmp(cases[i].line, "-- ", 3) == 0 ? TL_PARSE_SKIP : TL_PARSE_SEGMENT);
	}
	for (unsigned k = 0; tl_evlog_formats[k]; k++) {
		assert_int_equal(evlog_sniff(tl_evlog_formats[k], ""), 0);
		assert_int_equal(evlog_sniff(tl_evlog_formats[k], "hello world"), 0);
		assert_ptr_equal(tl_evlog_format_by_name(tl_evlog_formats[k]->name), tl_evlog_formats[k]);
	}
}

int main(void)
{
	evlog_test_zone();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(stdoutdae_lines, evlog_test_teardown),
		cmocka_unit_test_teardown(stdoutdae_hostile, evlog_test_teardown),
		cmocka_unit_test_teardown(boinccmd_lines, evlog_test_teardown),
		cmocka_unit_test_teardown(boinccmd_hostile, evlog_test_teardown),
		cmocka_unit_test_teardown(detection_order, evlog_test_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* test_evlog_journal.c -- journalctl -u boinc-client as text (short,
 * short-precise, short-iso, short-iso-precise, short-full, short-monotonic)
 * and as JSON. */
#include "config.h"
#include <stdio.h>
#include "evlog_test.h"

#define T_20_30_19 (1795721419LL * SEC)	/* 26-Nov-2026 20:30:19 CET = 19:30:19 UTC */

/* The journal's prefix in every short form; which time is kept. */
static void journal_text_forms(void **state)
{
	(void)state;
	const struct tl_evlog_format *f = &tl_evlog_journal;
	/* short: the client's stamp (it has the year); issue #4952's line */
	evlog_expect(f, "Nov 26 20:30:19 host boinc[1678]: 26-Nov-2026 20:30:19 [World Community Grid] [http] [ID#45505] Received header from server: HTTP/2 503",
		     T_20_30_19, 1000000, "World Community Grid",
		     "[http] [ID#45505] Received header from server: HTTP/2 503");
	/* short-precise agreeing with the client's second: the journal's µs */
	evlog_expect(f, "Nov 26 20:30:19.615902 host boinc[1678]: 26-Nov-2026 20:30:19 [p] m",
		     T_20_30_19 + 615902, 1, "p", "m");
	evlog_expect(f, "Nov 26 20:30:21.000001 host boinc[1678]: 26-Nov-2026 20:30:19 [p] m",
		     T_20_30_19 + 2 * SEC + 1, 1, "p", "m");
	/* ... disagreeing (journal earlier, or far later): the client's */
	evlog_expect(f, "Nov 26 20:30:18.999999 host boinc[1678]: 26-Nov-2026 20:30:19 [p] m",
		     T_20_30_19, 1000000, "p", "m");
	evlog_expect(f, "Nov 26 21:30:19.500000 host boinc[1678]: 26-Nov-2026 20:30:19 [p] m",
		     T_20_30_19, 1000000, "p", "m");
	/* short-iso: seconds only -> the client's stamp */
	evlog_expect(f, "2026-11-26T20:30:20+0100 host boinc[1678]: 26-Nov-2026 20:30:19 [p] m",
		     T_20_30_19, 1000000, "p", "m");
	/* short-iso-precise: exact, kept even when the client's zone differs */
	evlog_expect(f, "2026-11-26T19:30:19.615902+0000 host boinc[1678]: 26-Nov-2026 14:30:19 [p] m",
		     T_20_30_19 + 615902, 1, "p", "m");
	evlog_expect(f, "2026-11-26T20:30:19.615902+01:00 host boinc[1678]: 26-Nov-2026 20:30:19 [---] [conn] ev=close",
		     T_20_30_19 + 615902, 1, "", "[conn] ev=close");
	/* bare text (systemd, or the client without its stamp): journal time */
	evlog_expect(f, "Nov 26 20:30:00 host systemd[1]: Started BOINC client.", 1795721400LL * SEC,
		     1000000, "", "Started BOINC client.");
	evlog_expect(f, "Nov 26 20:30:19 host boinc[1678]: 26-Nov-2026 20:99:19 [p] m", T_20_30_19,
		     1000000, "", "26-Nov-2026 20:99:19 [p] m");
	evlog_expect(f, "Nov 26 20:30:19 host boinc: plain\r", T_20_30_19, 1000000, "", "plain");
}

static void journal_text_hostile(void **state)
{
	(void)state;
	const struct tl_evlog_format *f = &tl_evlog_journal;
	static const char *const skipped[] = {
		"-- Boot 3f2a64b1e0c94d3a9c1f1e6a3b2c1d0e --",
		"-- No entries --",
		"                                          second line",
		"",
		"Nov 26 20:30:19 host boinc[1]:",
		"Nov 26 20:30:19 host boinc[1]: ",
	};
	EVLOG_EXPECT_EACH(f, skipped, TL_PARSE_SKIP);
	static const char *const rejected[] = {
		"hello",
		"Nov 26 20:30:19",
		"Nov 26 20:30:19 host",
		"Nov 26 20:30:19 host boinc[1] m",
		"Nov 26 20:30:19  boinc[1]: m",
		"Nov 32 20:30:19 host boinc[1]: m",
		"2026-11-26T20:30:19 host boinc[1]: m",	/* no offset */
		"2026-11-26T20:30:19+2500 host boinc[1]: m",
		"Nov 26 20:30:19.1234567890 host boinc[1]: m",
	};
	EVLOG_EXPECT_EACH(f, rejected, TL_PARSE_BAD);
	char longhost[400];
	memset(longhost, 'h', sizeof longhost);
	memcpy(longhost, "Nov 26 20:30:19 ", 16);
	struct tl_logline l;
	assert_int_equal(evlog_parse_n(f, longhost, sizeof longhost, &l), TL_PARSE_BAD);
}

#define STARTING "Starting BOINC client version 7.20.5 for x86_64-pc-linux-gnu"
#define STARTED "Started boinc-client.service - Berkeley Open Infrastructure Network Computing Client."
#define WCG_DONE "Scheduler request completed: got 1 new tasks"
#define T_JUL_01 (1782898219LL * SEC)	/* 01-Jul-2026 11:30:19 CEST */

/* -o short-full and -o short-monotonic, as journalctl 252 printed entries
 * written here with systemd-journal-remote (TZ=Europe/Berlin, and --utc). */
static void journal_full_and_monotonic(void **state)
{
	(void)state;
	const struct tl_evlog_format *f = &tl_evlog_journal;
	evlog_expect(f, "Thu 2026-11-26 20:30:19 CET host boinc[1234]: 26-Nov-2026 20:30:19 [---] " STARTING,
		     T_20_30_19, 1000000, "", STARTING);
	evlog_expect(f, "Thu 2026-11-26 20:30:20 CET host systemd[1]: " STARTED, T_20_30_19 + SEC, 1000000,
		     "", STARTED);
	evlog_expect(f, "Thu 2026-11-26 19:30:21 UTC host boinc[1234]: client text without a stamp",
		     T_20_30_19 + 2 * SEC, 1000000, "", "client text without a stamp");
	evlog_expect(f, "Wed 2026-07-01 11:30:19 CEST host boinc[999]: 01-Jul-2026 11:30:19 [World Community Grid] " WCG_DONE,
		     T_JUL_01, 1000000, "World Community Grid", WCG_DONE);
	/* the hour the end of summer time repeats: the zone's name says which */
	evlog_expect(f, "Sun 2026-10-25 02:30:00 CEST host systemd[1]: a", 1792888200LL * SEC, 1000000, "", "a");
	evlog_expect(f, "Sun 2026-10-25 02:30:00 CET host systemd[1]: a", 1792891800LL * SEC, 1000000, "", "a");
	/* short-monotonic: the client's own stamp */
	evlog_expect(f, "[ 5312.104877] host boinc[1234]: 26-Nov-2026 20:30:19 [---] " STARTING,
		     T_20_30_19, 1000000, "", STARTING);
	evlog_expect(f, "[   12.104877] host boinc[999]: 01-Jul-2026 11:30:19 [World Community Grid] " WCG_DONE,
		     T_JUL_01, 1000000, "World Community Grid", WCG_DONE);
	static const char *const skipped[] = {
		"[ 5312.588975] host systemd[1]: " STARTED,	/* no time without --boot-time */
		"[ 5313.988975] host boinc[1234]: client text without a stamp",
		"-- Boot fedcba9876543210fedcba9876543210 --",
	};
	EVLOG_EXPECT_EACH(f, skipped, TL_PARSE_SKIP);
	static const char *const rejected[] = {
		"Thu 2026-11-26 20:30:19 EST host boinc[1]: m",
		"Thu 2026-11-26 20:30:19 CEST host boinc[1]: m",
		"Thu 2026-11-26 20:30:19 host boinc[1]: m",
		"Xyz 2026-11-26 20:30:19 CET host boinc[1]: m",
		"Thu 2026-13-26 20:30:19 CET host boinc[1]: m",
		"Thu 2026-11-26T20:30:19 CET host boinc[1]: m",
		"Thu 2026-11-26 20:30:19 CET",
		"Thu 2026-11-26 20:30:19 CET host",
		"Thu 2026-11-26 20:30:19 CETCETCETCETCETCET host boinc[1]: m",
		"[ 5312.1048771] host boinc[1]: m",
		"[ 5312.104877 host boinc[1]: m",
		"[ 99999999999.1] host boinc[1]: m",
		"[] host boinc[1]: m",
		"[ 5312.104877]host boinc[1]: m",
	};
	EVLOG_EXPECT_EACH(f, rejected, TL_PARSE_BAD);
	struct tl_logline l;
	assert_int_equal(evlog_parse(f, rejected[0], &l), TL_PARSE_BAD);
	assert_string_equal(evlog_test_state.error, "journalctl -o short-full in a zone that is not --tz's: give --tz");
	assert_true(evlog_sniff(f, "Thu 2026-11-26 20:30:19 CET host boinc[1234]: 26-Nov-2026 20:30:19 [---] " STARTING));
	assert_true(evlog_sniff(f, "Thu 2026-11-26 20:30:19 EST host boinc[1234]: 26-Nov-2026 20:30:19 [---] " STARTING));
	assert_true(evlog_sniff(f, "[ 5312.104877] host boinc[1234]: 26-Nov-2026 20:30:19 [---] " STARTING));
	assert_false(evlog_sniff(f, "[  731.911220] NEW not SYN? IN=gfww OUT= SRC=198.51.100.20 DST=203.0.113.1 LEN=1500"));
	assert_false(evlog_sniff(f, "[ 5312.588975] host systemd[1]: " STARTED));
}

/* With --boot-time, short-monotonic lines without the client's stamp get
 * boot time + monotonic time; the client's stamp still wins where it is. */
static void journal_monotonic_boot_time(void **state)
{
	(void)state;
	const struct tl_time_opts booted = { "Europe/Berlin", T_20_30_19, T_20_30_19 - 5312104877LL };
	struct tl_evlog_state st;
	struct tl_logline l;
	static const char bare[] = "[ 5313.988975] host boinc[1234]: client text without a stamp";
	static const char client[] = "[ 5399.000000] host boinc[1234]: 26-Nov-2026 20:30:19 [p] m";
	tl_evlog_state_init(&st, &booted);
	assert_int_equal(tl_evlog_journal.parse(&st, bare, sizeof bare - 1, &l), TL_PARSE_SEGMENT);
	assert_true(l.t_us == T_20_30_19 + 1884098);
	assert_int_equal(l.t_res_us, 1);
	assert_int_equal(tl_evlog_journal.parse(&st, client, sizeof client - 1, &l), TL_PARSE_SEGMENT);
	assert_true(l.t_us == T_20_30_19);
	assert_int_equal(l.t_res_us, 1000000);
}

/* journalctl -o json entries as journald writes them. */
static void journal_json_entries(void **state)
{
	(void)state;
	const struct tl_evlog_format *f = &tl_evlog_journal_json;
	evlog_expect(f, "{\"__CURSOR\":\"s=6c1f;i=1a2;b=3f2a;m=4d1;t=5f1;x=9e\",\"__REALTIME_TIMESTAMP\":\"1795721419615902\","
		     "\"__MONOTONIC_TIMESTAMP\":\"5312104877\",\"_BOOT_ID\":\"3f2a\",\"PRIORITY\":\"6\",\"_UID\":\"117\","
		     "\"SYSLOG_IDENTIFIER\":\"boinc\",\"_PID\":\"1678\",\"_COMM\":\"boinc\","
		     "\"MESSAGE\":\"26-Nov-2026 20:30:19 [test-project] Sending scheduler request: To fetch work.\","
		     "\"_SYSTEMD_UNIT\":\"boinc-client.service\"}",
		     T_20_30_19 + 615902, 1, "test-project", "Sending scheduler request: To fetch work.");
	/* escapes, \u with a surrogate pair, the fields in another order */
	evlog_expect(f, "{ \"MESSAGE\" : \"26-Nov-2026 20:30:19 [p] q\\\" b\\\\ s\\/ t\\t \\u00e9 \\ud83d\\ude00 \\ud800 n\\n\" ,"
		     " \"__REALTIME_TIMESTAMP\" : \"1795721419000001\" }",
		     T_20_30_19 + 1, 1, "p", "q\" b\\ s/ t\t \xc3\xa9 \xf0\x9f\x98\x80 \xef\xbf\xbd n");
	/* journald's byte array for text that is not UTF-8 */
	static const char bytes[] = "{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":[104, 105,255 ,0]}";
	struct tl_logline l;
	assert_int_equal(evlog_parse_n(f, bytes, sizeof bytes - 1, &l), TL_PARSE_SEGMENT);
	assert_int_equal(l.msg_len, 4);
	assert_memory_equal(l.msg, "hi\xff\0", 4);
	evlog_expect(f, "{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":[]}", T_20_30_19, 1, "", "");
	/* the key inside a string, nested values, and no client stamp */
	evlog_expect(f, "{\"X\":\"\\\"__REALTIME_TIMESTAMP\\\":\\\"5\\\"\",\"A\":[1,[2,{\"b\":\"c]}\"}],true,null],"
		     "\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":\"Started BOINC client.\"}",
		     T_20_30_19, 1, "", "Started BOINC client.");
	evlog_expect(f, "{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":\"26-Nov-2026 20:30:19 [---] [conn] ev=open\"}\r",
		     T_20_30_19, 1, "", "[conn] ev=open");
}

static void journal_json_hostile(void **state)
{
	(void)state;
	const struct tl_evlog_format *f = &tl_evlog_journal_json;
	static const char *const rejected[] = {
		"not json",
		"{",
		"{\"__REALTIME_TIMESTAMP\":\"17957",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":\"x\"",
		"{\"MESSAGE\":\"x\"}",					/* no time */
		"{\"__REALTIME_TIMESTAMP\":1795721419000000,\"MESSAGE\":\"x\"}",
		"{\"__REALTIME_TIMESTAMP\":\"12345678901234567890\",\"MESSAGE\":\"x\"}",
		"{\"__REALTIME_TIMESTAMP\":\"17957a\",\"MESSAGE\":\"x\"}",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":null}",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":\"\\x\"}",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":\"\\u12\"}",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":\"end\\\"}",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":[1,256]}",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":[1,]}",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":[1",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"MESSAGE\":17}",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\" \"MESSAGE\":\"x\"}",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"A\":{\"b\" 1},\"MESSAGE\":\"x\"}",
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"A\":,\"MESSAGE\":\"x\"}",
	};
	EVLOG_EXPECT_EACH(f, rejected, TL_PARSE_BAD);
	static const char *const skipped[] = {
		"{\"__REALTIME_TIMESTAMP\":\"1795721419000000\",\"PRIORITY\":\"6\"}",
		"",
	};
	EVLOG_EXPECT_EACH(f, skipped, TL_PARSE_SKIP);
	/* nesting beyond the bound (closed properly), unclosed nesting, and a
	   message longer than the buffer */
	char deep[400];
	int n = snprintf(deep, sizeof deep, "{\"__REALTIME_TIMESTAMP\":\"1\",\"A\":");
	memset(deep + n, '[', 40);
	memset(deep + n + 40, ']', 40);
	deep[n + 80] = '}';
	struct tl_logline l;
	assert_int_equal(evlog_parse_n(f, deep, (size_t)n + 81, &l), TL_PARSE_BAD);
	memset(deep + n, '[', 8);	/* within the bound: fine */
	memset(deep + n + 8, ']', 8);
	deep[n + 16] = '}';
	assert_int_equal(evlog_parse_n(f, deep, (size_t)n + 17, &l), TL_PARSE_SKIP);
	memset(deep + n, '[', sizeof deep - (size_t)n);
	assert_int_equal(evlog_parse_n(f, deep, sizeof deep, &l), TL_PARSE_BAD);
	size_t big = sizeof evlog_test_state.buf + 1;
	char *line = malloc(big + 100);
	assert_non_null(line);
	n = snprintf(line, 100, "{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":\"");
	memset(line + n, 'a', big);
	memcpy(line + n + big, "\"}", 2);
	assert_int_equal(evlog_parse_n(f, line, (size_t)n + big + 2, &l), TL_PARSE_BAD);
	/* exactly filling the buffer is fine */
	size_t fits = sizeof evlog_test_state.buf;
	memcpy(line + n + fits, "\"}", 2);
	assert_int_equal(evlog_parse_n(f, line, (size_t)n + fits + 2, &l), TL_PARSE_SEGMENT);
	assert_int_equal(l.msg_len, fits);
	free(line);
}

int main(void)
{
	evlog_test_zone();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(journal_text_forms, evlog_test_teardown),
		cmocka_unit_test_teardown(journal_text_hostile, evlog_test_teardown),
		cmocka_unit_test_teardown(journal_full_and_monotonic, evlog_test_teardown),
		cmocka_unit_test_teardown(journal_monotonic_boot_time, evlog_test_teardown),
		cmocka_unit_test_teardown(journal_json_entries, evlog_test_teardown),
		cmocka_unit_test_teardown(journal_json_hostile, evlog_test_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

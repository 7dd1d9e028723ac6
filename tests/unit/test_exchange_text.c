/*
 * Unit tests of what the exchange layer reads as text: URL redaction
 * (no secret survives) and the client's log lines that name projects.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "../../wrapper/nl_logscan.h"
#include "../../wrapper/nl_redact.h"
#include "../../wrapper/nl_sniff.h"
#include "../../wrapper/nl_url.h"

static void
redacts(const char *in, const char *want)
{
	char out[256];

	nl_url_redact(in, out, sizeof(out));
	assert_string_equal(out, want);
}

static void
test_url_query_values_and_userinfo_go(void **state)
{
	(void)state;
	redacts("https://p.example.org/lookup_account.php?email_addr=a@b.c&passwd_hash=CANARY1",
	    "https://p.example.org/lookup_account.php?email_addr=&passwd_hash=");
	redacts("http://user:CANARY2@proxy.example:3128/x/y?token=CANARY3#frag",
	    "http://proxy.example:3128/x/y?token=");
	redacts("https://h/login_token_lookup.php?user_id=42&token=CANARY4&flag",
	    "https://h/login_token_lookup.php?user_id=&token=&flag");
	redacts("http://127.0.0.1:18080/cgi", "http://127.0.0.1:18080/cgi");
	redacts("http://a@b@host/p", "http://host/p");
	redacts("not a url?k=v", "not a url?k=");
	redacts("", "");
}

static void
test_url_redaction_is_bounded(void **state)
{
	char big[2048], out[32];

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memcpy(big, "http://h/?k=", 12);
	nl_url_redact(big, out, sizeof(out));
	assert_int_equal(strlen(out), 12);
	assert_string_equal(out, "http://h/?k=");
}

static void
test_url_basename(void **state)
{
	size_t len;
	const char *b;

	(void)state;
	b = nl_url_basename("http://h/download/ab/input_7.dat?x=", &len);
	assert_int_equal(len, 11);
	assert_memory_equal(b, "input_7.dat", 11);
	b = nl_url_basename("http://h/", &len);
	assert_int_equal(len, 0);
}

/* Feed one log line as the shim would (no newline). */
static void
line(const char *s)
{
	nl_logscan_line(s, strlen(s));
}

static void
test_log_lines_name_the_project(void **state)
{
	char proj[NL_PROJECT_MAX], url[256];

	(void)state;
	line("26-Nov-2026 22:02:17 [Fake Project] Sending scheduler request: Requested by user.");
	nl_logscan_last_sched(proj, sizeof(proj));
	assert_string_equal(proj, "Fake Project");
	line("26-Nov-2026 22:02:18 [http://127.0.0.1:18080/] Fetching scheduler list");
	nl_logscan_last_master(proj, sizeof(proj));
	assert_string_equal(proj, "http://127.0.0.1:18080/");
	line("26-Nov-2026 22:02:19 [Other] Started download of input_7.dat");
	line("26-Nov-2026 22:02:19 [Fake Project] Started upload of out_7_0");
	assert_int_equal(nl_logscan_file("input_7.dat", 11, proj, sizeof(proj)),
	    NL_HINT_DOWNLOAD);
	assert_string_equal(proj, "Other");
	assert_int_equal(nl_logscan_file("out_7_0", 7, proj, sizeof(proj)),
	    NL_HINT_UPLOAD);
	assert_string_equal(proj, "Fake Project");
	assert_int_equal(nl_logscan_file("input_8.dat", 11, proj, sizeof(proj)),
	    NL_HINT_NONE);
	nl_logscan_learn_master("Fake Project", "http://127.0.0.1:18080/");
	nl_logscan_master_of("Fake Project", url, sizeof(url));
	assert_string_equal(url, "http://127.0.0.1:18080/");
	nl_logscan_master_of("Unknown", url, sizeof(url));
	assert_string_equal(url, "");
}

/* The file hints are a ring: the newest 64 are found, older ones not. */
static void
test_file_hints_keep_the_newest(void **state)
{
	char proj[NL_PROJECT_MAX], text[128], name[32];
	int i;

	(void)state;
	for (i = 0; i < 70; i++) {
		snprintf(text, sizeof(text),
		    "26-Nov-2026 22:02:19 [P%d] Started download of f_%d", i, i);
		line(text);
	}
	for (i = 0; i < 70; i++) {
		snprintf(name, sizeof(name), "f_%d", i);
		assert_int_equal(nl_logscan_file(name, strlen(name), proj,
		    sizeof(proj)), i < 6 ? NL_HINT_NONE : NL_HINT_DOWNLOAD);
		if (i >= 6) {
			snprintf(text, sizeof(text), "P%d", i);
			assert_string_equal(proj, text);
		}
	}
	/* Same bytes but longer or shorter: not the same file. */
	assert_int_equal(nl_logscan_file("f_69x", 5, proj, sizeof(proj)),
	    NL_HINT_NONE);
	assert_int_equal(nl_logscan_file("f_6", 2, proj, sizeof(proj)),
	    NL_HINT_NONE);
}

/* Is s (as n bytes, not NUL-terminated) a master page? */
static int
master(const char *s)
{
	char copy[256];
	size_t n = strlen(s);

	memcpy(copy, s, n);
	copy[n] = '>';	/* a trap: a read past n would complete "<scheduler" */
	return nl_sniff_master_page(copy, n);
}

static void
test_master_page_names_its_scheduler(void **state)
{
	(void)state;
	assert_true(master("<link rel=\"boinc_scheduler\" href=\"http://h/cgi\">"));
	assert_true(master("<html><scheduler>http://h/cgi</scheduler>"));
	assert_true(master("boinc_scheduler"));		/* at the very start */
	assert_true(master("uuuuu<scheduler>"));
	assert_true(master("x scheduler <scheduler>"));	/* second hit counts */
	assert_false(master("the scheduler is down"));
	assert_false(master("<scheduler"));		/* no '>' in the bytes */
	assert_false(master("<scheduler x>"));
	assert_false(master("boinc-scheduler"));
	assert_false(master("<schedul"));
	assert_false(master("schedule"));
	assert_false(master(""));
	assert_false(master("uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu"));
}

static void
test_odd_log_lines_are_ignored(void **state)
{
	char proj[NL_PROJECT_MAX];

	(void)state;
	line("26-Nov-2026 22:02:17 [Good] Sending scheduler request: x");
	line("Sending scheduler request");		/* no prefix */
	line("26-Nov-2026 22:02:17 [Bad Sending scheduler request");
	line("26-Nov-2026 22:02:17 [");
	line("");
	line("26-Nov-2026 22:02:17 [Evil] Started download of ");
	nl_logscan_last_sched(proj, sizeof(proj));
	assert_string_equal(proj, "Good");
}

/* Redact a log line and check the result. */
static void
log_redacts(const char *in, const char *want)
{
	char out[512];
	size_t n = nl_redact_log(in, strlen(in), out, sizeof(out));

	assert_int_equal(n, strlen(want));
	assert_string_equal(out, want);
}

static void
test_log_lines_lose_their_secrets(void **state)
{
	(void)state;
	log_redacts("26-Nov-2026 22:02:17 [P] [file_xfer] URL: https://h/dl/f?token=CANARY1 x",
	    "26-Nov-2026 22:02:17 [P] [file_xfer] URL: https://h/dl/f?token= x");
	log_redacts("[http] [ID#3] Sent header to server: Cookie: session=CANARY2; x=y",
	    "[http] [ID#3] Sent header to server: Cookie: <redacted>");
	log_redacts("[http] Received header from server: set-cookie: a=CANARY3\nnext",
	    "[http] Received header from server: set-cookie: <redacted>\nnext");
	log_redacts("Proxy-Authorization: Basic CANARY4",
	    "Proxy-Authorization: <redacted>");
	log_redacts("<authenticator>CANARY5</authenticator><x>ok</x>",
	    "<authenticator></authenticator><x>ok</x>");
	log_redacts("<cross_project_id>CANARY6</cross_project_id>",
	    "<cross_project_id></cross_project_id>");
	log_redacts("lookup http://u:CANARY7@h/lookup_account.php?email_addr=CANARY8&passwd_hash=CANARY9",
	    "lookup http://h/lookup_account.php?email_addr=&passwd_hash=");
	log_redacts("plain line, nothing to hide: 3 tasks", "plain line, nothing to hide: 3 tasks");
	log_redacts("x://", "x://");
	log_redacts("GET /download/f?token=CANARY11&x=1 HTTP/1.1",
	    "GET /download/f?token=&x= HTTP/1.1");
	log_redacts("<hostid>42</hostid>", "<hostid></hostid>");
	/* An element over several log lines (reply bodies under http_debug). */
	log_redacts("header: <project_preferences>", "header: <project_preferences>");
	log_redacts("header: <note>CANARY12</note>", "<redacted>");
	log_redacts("header: </project_preferences> after", "</project_preferences> after");
	log_redacts("plain again", "plain again");
}

/* An element that never closes hides a bounded number of lines only. */
static void
test_unclosed_secret_is_bounded(void **state)
{
	int i;

	(void)state;
	log_redacts("<authenticator>CANARY13", "<authenticator>");
	for (i = 0; i < 256; i++)	/* NL_SECRET_LINES */
		log_redacts("CANARY14", "<redacted>");
	log_redacts("visible again", "visible again");
}

/* Hostile input: never past the output, always terminated. */
static void
test_log_redaction_is_bounded(void **state)
{
	char in[3000], out[64];
	size_t n;

	(void)state;
	memset(in, 'h', sizeof(in));
	memcpy(in, "http://", 7);
	n = nl_redact_log(in, sizeof(in), out, sizeof(out));
	assert_true(n < sizeof(out));
	assert_int_equal(out[n], '\0');
	memset(in, '<', sizeof(in));
	n = nl_redact_log(in, sizeof(in), out, sizeof(out));
	assert_true(n < sizeof(out));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_query_values_and_userinfo_go),
		cmocka_unit_test(test_url_redaction_is_bounded),
		cmocka_unit_test(test_url_basename),
		cmocka_unit_test(test_log_lines_name_the_project),
		cmocka_unit_test(test_file_hints_keep_the_newest),
		cmocka_unit_test(test_master_page_names_its_scheduler),
		cmocka_unit_test(test_odd_log_lines_are_ignored),
		cmocka_unit_test(test_log_lines_lose_their_secrets),
		cmocka_unit_test(test_log_redaction_is_bounded),
		cmocka_unit_test(test_unclosed_secret_is_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

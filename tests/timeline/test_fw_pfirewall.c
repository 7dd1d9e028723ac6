/* test_fw_pfirewall.c -- Windows Firewall pfirewall.log. No sample
 * exists: the lines are built from the documented format (notes B.7;
 * Technet cc758040 "Interpreting the Windows Firewall Log", learn.microsoft
 * ff428145): the W3C header, CRLF line ends, '-' for empty values, local
 * times read in the zone of the options (Europe/Berlin here, with DST),
 * the XP-era actions, the "pid" column of later versions, a reordered
 * header, a file without header, and hostile lines. */
#include "config.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "fw_testlib.h"

#define F (&tl_fw_pfirewall)
#define S 1000000LL
#define SRV "198.51.100.20"
#define PC "192.0.2.10"

static const char *const file[] = {
	"#Version: 1.5\r",
	"#Software: Microsoft Windows Firewall\r",
	"#Time Format: Local\r",
	"#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path\r",
	"\r",
	"2026-11-26 20:30:23 DROP TCP 198.51.100.20 192.0.2.10 80 45332 212 AFP 2533098553 2191708191 501 - - - RECEIVE\r",
	"2026-11-26 20:30:24 DROP TCP 198.51.100.20 192.0.2.10 80 45348 52 AF 2040313100 3413696836 501 - - - RECEIVE\r",
	"2026-11-26 20:30:19 ALLOW TCP 192.0.2.10 198.51.100.20 45314 80 0 - 0 0 0 - - - SEND\r",
	"2026-11-26 20:30:20 ALLOW UDP 192.0.2.10 198.51.100.53 53000 53 0 - - - - - - - SEND\r",
	"2026-11-26 20:30:21 DROP ICMP 198.51.100.20 192.0.2.10 - - 84 - - - - 8 0 - RECEIVE\r",
	"2026-07-01 12:00:00 DROP TCP 2001:db8::20 2001:0db8::1 443 50000 60 R 12345678 - 0 - - - RECEIVE\r",
	"2026-11-26 20:30:19 INFO-EVENTS-LOST - - - - - - - - - - - - 12 -\r",
};

/* The documented file, line by line in one state. */
static void test_documented_file(void **state)
{
	(void)state;
	const enum tl_parse want[] = {
		TL_PARSE_SKIP, TL_PARSE_SKIP, TL_PARSE_SKIP, TL_PARSE_SKIP, TL_PARSE_SKIP,
		TL_PARSE_SEGMENT, TL_PARSE_SEGMENT, TL_PARSE_SEGMENT, TL_PARSE_SKIP, TL_PARSE_SKIP,
		TL_PARSE_SEGMENT, TL_PARSE_SKIP,
	};
	const struct fwt_expect seg_want[] = {
		[5] = { 1795721423LL * S, 1000000, SRV, PC, 80, 45332, TL_ACK | TL_FIN | TL_PSH,
			2533098553LL, 2191708191LL, FWT_NONE, FWT_NONE, 0, TL_VERDICT_DROPPED, "DROP RECEIVE" },
		[6] = { 1795721424LL * S, 1000000, SRV, PC, 80, 45348, TL_ACK | TL_FIN,
			2040313100LL, 3413696836LL, FWT_NONE, FWT_NONE, 0, TL_VERDICT_DROPPED, "DROP RECEIVE" },
		[7] = { 1795721419LL * S, 1000000, PC, SRV, 45314, 80, FWT_NONE, FWT_NONE, FWT_NONE,
			FWT_NONE, FWT_NONE, 0, TL_VERDICT_PASSED, "ALLOW SEND" },
		/* July: CEST, +02:00 */
		[10] = { 1782900000LL * S, 1000000, "2001:db8::20", "2001:db8::1", 443, 50000, TL_RST,
			 12345678, FWT_NONE, FWT_NONE, FWT_NONE, 0, TL_VERDICT_DROPPED, "DROP RECEIVE" },
	};
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	for (unsigned i = 0; i < sizeof file / sizeof file[0]; i++) {
		enum tl_parse r = fw_test_parse(F, &st, file[i], &seg);
		if (r != want[i])
			fail_msg("line %u: %d, not %d (%s)", i, r, want[i], st.error ? st.error : "-");
		if (r == TL_PARSE_SEGMENT)
			fwt_check(&seg, &seg_want[i]);
	}
}

/* Without a header (an excerpt) the documented columns are assumed;
 * later versions append "pid", which changes nothing. */
static void test_no_header_and_pid(void **state)
{
	(void)state;
	const struct fwt_expect e = { 1795721424LL * S, 1000000, SRV, PC, 80, 45348, TL_ACK | TL_FIN,
		2040313100LL, 3413696836LL, FWT_NONE, FWT_NONE, 0, TL_VERDICT_DROPPED, "DROP RECEIVE" };
	fwt_expect_line(F, file[6], &e);
	fwt_expect_line(F, "2026-11-26 20:30:24 DROP TCP 198.51.100.20 192.0.2.10 80 45348 52 AF 2040313100 3413696836 501 - - - RECEIVE 4", &e);
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, "#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid", &seg), TL_PARSE_SKIP);
	assert_int_equal(fw_test_parse(F, &st, "2026-11-26 20:30:24 DROP TCP 198.51.100.20 192.0.2.10 80 45348 52 AF 2040313100 3413696836 501 - - - RECEIVE 4\r", &seg), TL_PARSE_SEGMENT);
	fwt_check(&seg, &e);
	/* that header needs the pid column too */
	assert_int_equal(fw_test_parse(F, &st, file[6], &seg), TL_PARSE_BAD);
}

/* Columns are found by name: a reordered header reads the same facts. */
static void test_reordered_header(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, "#Fields: path action time date protocol dst-ip src-ip dst-port src-port tcpflags tcpack tcpsyn extra\r", &seg), TL_PARSE_SKIP);
	assert_int_equal(fw_test_parse(F, &st, "RECEIVE DROP 20:30:24 2026-11-26 TCP 192.0.2.10 198.51.100.20 45348 80 AF 3413696836 2040313100 x\r", &seg), TL_PARSE_SEGMENT);
	const struct fwt_expect e = { 1795721424LL * S, 1000000, SRV, PC, 80, 45348, TL_ACK | TL_FIN,
		2040313100LL, 3413696836LL, FWT_NONE, FWT_NONE, 0, TL_VERDICT_DROPPED, "DROP RECEIVE" };
	fwt_check(&seg, &e);
	/* a header without the needed columns makes its rows unreadable */
	assert_int_equal(fw_test_parse(F, &st, "#Fields: date time action protocol size\r", &seg), TL_PARSE_BAD);
	assert_int_equal(fw_test_parse(F, &st, "2026-11-26 20:30:24 DROP TCP 52\r", &seg), TL_PARSE_BAD);
	/* a new, good header makes them readable again */
	assert_int_equal(fw_test_parse(F, &st, file[3], &seg), TL_PARSE_SKIP);
	assert_int_equal(fw_test_parse(F, &st, file[6], &seg), TL_PARSE_SEGMENT);
}

/* The XP SP2 firewall's actions: OPEN (allowed), CLOSE (unknown fate). */
static void test_xp_actions(void **state)
{
	(void)state;
	const struct fwt_expect open = { 1795721419LL * S, 1000000, PC, SRV, 45314, 80, FWT_NONE,
		FWT_NONE, FWT_NONE, FWT_NONE, FWT_NONE, 0, TL_VERDICT_PASSED, "OPEN" };
	fwt_expect_line(F, "2026-11-26 20:30:19 OPEN TCP 192.0.2.10 198.51.100.20 45314 80 - - - - - - - - -", &open);
	const struct fwt_expect close = { 1795721419LL * S, 1000000, PC, SRV, 45314, 80, FWT_NONE,
		FWT_NONE, FWT_NONE, FWT_NONE, FWT_NONE, 0, TL_VERDICT_UNKNOWN, "CLOSE" };
	fwt_expect_line(F, "2026-11-26 20:30:19 CLOSE TCP 192.0.2.10 198.51.100.20 45314 80 - - - - - - - - -", &close);
}

static void test_hostile_lines(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"2026-11-26 20:30:24 DROP TCP 198.51.100.20 192.0.2.10 80 65536 52 AF 1 2 501 - - - RECEIVE",
		"2026-11-26 20:30:24 DROP TCP 198.51.100.20 192.0.2.10 - 45348 52 AF 1 2 501 - - - RECEIVE",
		"2026-11-26 20:30:24 DROP TCP 198.51.100.2000 192.0.2.10 80 45348 52 AF 1 2 501 - - - RECEIVE",
		"2026-11-26 20:30:24 DROP TCP - 192.0.2.10 80 45348 52 AF 1 2 501 - - - RECEIVE",
		"2026-11-26 20:30:24 DROP TCP 198.51.100.20 192.0.2.10 80 45348 52 AF 4294967296 2 501 - - - RECEIVE",
		"2026-11-26 20:30:24 DROP TCP 198.51.100.20 192.0.2.10 80 45348 52 AF 1 99999999999999 501 - - - RECEIVE",
		"2026-11-26 20:30:24 DROP TCP 198.51.100.20 192.0.2.10 80 45348 52 AZ 1 2 501 - - - RECEIVE",
		"2026-11-26 25:30:24 DROP TCP 198.51.100.20 192.0.2.10 80 45348 52 AF 1 2 501 - - - RECEIVE",
		"2026-11-26 20:30:24.5.5 DROP TCP 198.51.100.20 192.0.2.10 80 45348 52 AF 1 2 501 - - - RECEIVE",
		"2026-11-26T20:30:24 DROP TCP 198.51.100.20 192.0.2.10 80 45348 52 AF 1 2 501 - - - RECEIVE",
		"- 20:30:24 DROP TCP 198.51.100.20 192.0.2.10 80 45348 52 AF 1 2 501 - - - RECEIVE",
		"2026-11-26 20:30:24 - TCP 198.51.100.20 192.0.2.10 80 45348 52 AF 1 2 501 - - - RECEIVE",
		"2026-11-26 20:30:24 DROP TCP 198.51.100.20 192.0.2.10 80 45348",
		"2026-11-26 20:30:24 DROP TCP 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64",
		"\x01\x02 \xff",
	};
	for (unsigned i = 0; i < sizeof lines / sizeof lines[0]; i++)
		fwt_expect_result(F, TL_PARSE_BAD, lines[i]);
	static const char nul[] = "2026-11-26 20:30:24 DROP TCP 198.51.100.20\0 192.0.2.10 80 45348 52 AF 1 2 501 - - - RECEIVE";
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse_n(F, &st, nul, sizeof nul - 1, &seg), TL_PARSE_BAD);
}

static void test_truncated_and_overwritten(void **state)
{
	(void)state;
	for (unsigned i = 5; i <= 6; i++) {
		size_t keep = (size_t)(strrchr(file[i], ' ') - file[i]) + 2;
		assert_int_equal(fwt_truncations(F, file[i], keep), keep - 1);	/* "" is blank */
		fwt_sweep(F, file[i], keep);
	}
}

static void test_sniff(void **state)
{
	(void)state;
	assert_false(fw_test_sniff(F, file[0]));	/* W3C logs of IIS start the same */
	assert_true(fw_test_sniff(F, file[1]));
	assert_true(fw_test_sniff(F, file[3]));
	assert_true(fw_test_sniff(F, file[5]));
	assert_true(fw_test_sniff(F, file[8]));
	static const char *const others[] = {
		"#Fields: date time s-ip cs-method cs-uri-stem",
		"2026-11-26 20:30:19 203.0.113.20 45314",
		"2026-11-26 20:30:19 GET /index.html 80 - 192.0.2.10 Mozilla/5.0 - 200 0 0 15 x y",
	};
	fw_test_sniff_precise(F, others, N(others));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_documented_file),
		cmocka_unit_test(test_no_header_and_pid),
		cmocka_unit_test(test_reordered_header),
		cmocka_unit_test(test_xp_actions),
		cmocka_unit_test(test_hostile_lines),
		cmocka_unit_test(test_truncated_and_overwritten),
		cmocka_unit_test(test_sniff),
	};
	return cmocka_run_group_tests(tests, fwt_setup, NULL);
}

/* test_fw_pflog.c -- pf logs read through tcpdump: the FreeBSD sample
 * (samples/firewall/pf_tcpdump_pflog_freebsd.txt: three -ttt deltas, then
 * a -tttt line), the same deltas once anchored, OpenBSD lines built from
 * the documented syntax (OpenBSD FAQ "PF logging", tcpdump(8)), other
 * protocols, and hostile lines. Times in Europe/Berlin (fwt_opts). */
#include "config.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "fw_testlib.h"

#define F (&tl_fw_pflog)
#define S 1000000LL
/* 2026-11-26 20:30:24.030441 in Berlin (CET), UTC µs */
#define T_ANCHOR (1795721424LL * S + 30441)

static const char *const sample[] = {
	"00:00:00.000000 rule 0/0(match): block in on em0: 198.51.100.20.80 > 203.0.113.1.45314: Flags [.], seq 982149289:982150737, ack 2576867851, win 501, options [nop,nop,TS val 1370064995 ecr 408545730], length 1448",
	"00:00:03.824091 rule 0/0(match): block in on em0: 198.51.100.20.80 > 203.0.113.1.45332: Flags [F.], seq 2533098713, ack 2191708191, win 501, options [nop,nop,TS val 2341260813 ecr 451466702], length 0",
	"00:00:00.215207 rule 0/0(match): block in on em0: 198.51.100.20.80 > 203.0.113.1.45332: Flags [FP.], seq 2533098553:2533098713, ack 2191708191, win 501, options [nop,nop,TS val 2341261029 ecr 451466702], length 160: HTTP",
	"2026-11-26 20:30:24.030441 rule 0/0(match): block in on em0: 198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 2040313100, ack 3413696836, win 501, options [nop,nop,TS val 1637764527 ecr 3957409957], length 0",
};

/* OpenBSD's tcpdump: a date with µs, the 3.x TCP syntax. */
#define OPENBSD_FIN "Nov 26 20:30:23.439748 rule 3/(match) block in on em0: 198.51.100.20.80 > " \
	"203.0.113.1.45332: F 2533098713:2533098713(0) ack 2191708191 win 501 " \
	"<nop,nop,timestamp 2341260813 451466702> (DF)"

/* The sample as a file: deltas before any absolute time are refused with
 * the advice to print -tttt; the absolute line parses. */
static void test_sample_file(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal(fw_test_parse(F, &st, sample[i], &seg), TL_PARSE_BAD);
		assert_non_null(strstr(st.error, "-tttt"));
		assert_true(fw_test_sniff(F, sample[i]));
	}
	assert_int_equal(fw_test_parse(F, &st, sample[3], &seg), TL_PARSE_SEGMENT);
	const struct fwt_expect last = {
		T_ANCHOR, 1, "198.51.100.20", "203.0.113.1", 80, 45348, TL_FIN | TL_ACK,
		2040313100LL, 3413696836LL, 0, FWT_NONE, 0, TL_VERDICT_DROPPED, "block in on em0" };
	fwt_check(&seg, &last);
	assert_true(fw_test_sniff(F, sample[3]));
}

/* Once anchored, deltas add up line by line; every field of the sample's
 * delta lines. */
static void test_anchored_deltas(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, sample[3], &seg), TL_PARSE_SEGMENT);
	const struct fwt_expect want[] = {
		{ T_ANCHOR, 1, "198.51.100.20", "203.0.113.1", 80, 45314, TL_ACK, 982149289,
		  2576867851LL, 1448, FWT_NONE, 0, TL_VERDICT_DROPPED, "block in on em0" },
		{ T_ANCHOR + 3824091, 1, "198.51.100.20", "203.0.113.1", 80, 45332,
		  TL_FIN | TL_ACK, 2533098713LL, 2191708191LL, 0, FWT_NONE, 0,
		  TL_VERDICT_DROPPED, "block in on em0" },
		{ T_ANCHOR + 3824091 + 215207, 1, "198.51.100.20", "203.0.113.1", 80, 45332,
		  TL_FIN | TL_PSH | TL_ACK, 2533098553LL, 2191708191LL, 160, FWT_NONE, 0,
		  TL_VERDICT_DROPPED, "block in on em0" },
	};
	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal(fw_test_parse(F, &st, sample[i], &seg), TL_PARSE_SEGMENT);
		fwt_check(&seg, &want[i]);
	}
}

/* OpenBSD: "Mon DD" stamps with µs, "rule N/(match) action dir on if:",
 * the classic TCP syntax; older "rule N/M(match):"; the default rule. */
static void test_openbsd_lines(void **state)
{
	(void)state;
	const struct fwt_expect fin = {
		1795721423LL * S + 439748, 1, "198.51.100.20", "203.0.113.1", 80, 45332,
		TL_FIN | TL_ACK, 2533098713LL, 2191708191LL, 0, FWT_NONE, 0, TL_VERDICT_DROPPED,
		"block in on em0" };
	fwt_expect_line(F, OPENBSD_FIN, &fin);
	const struct fwt_expect push = {
		1795721423LL * S + 439748, 1, "192.0.2.10", "198.51.100.20", 45332, 80,
		TL_PSH | TL_ACK, 1, 1, 94, FWT_NONE, 1, TL_VERDICT_PASSED, "pass out on em0" };
	fwt_expect_line(F, "Nov 26 20:30:23.439748 rule 3/0(match): pass out on em0: 192.0.2.10.45332 > 198.51.100.20.80: P 1:95(94) ack 1 win 64 <nop,nop,timestamp 1 2> (DF) [tos 0x10]", &push);
	const struct fwt_expect ack = {
		1795721423LL * S + 439748, 1, "198.51.100.20", "203.0.113.1", 80, 45332, TL_ACK,
		FWT_NONE, 2191708191LL, 0, FWT_NONE, 0, TL_VERDICT_DROPPED, "block in on em0" };
	fwt_expect_line(F, "Nov 26 20:30:23.439748 rule def/(match) block in on em0: 198.51.100.20.80 > 203.0.113.1.45332: . ack 2191708191 win 501", &ack);
	fwt_expect_line(F, "Nov 26 20:30:23.439748 rule 1.boinc.2/(match) [uid 0, pid 77] block in on em0: 198.51.100.20.80 > 203.0.113.1.45332: . ack 2191708191 win 501", &ack);
	/* '.' alone is "none of S F R P", not ACK: no ack field, no ACK */
	const struct fwt_expect null = {
		1795721423LL * S + 439748, 1, "198.51.100.20", "203.0.113.1", 80, 45332, 0,
		FWT_NONE, FWT_NONE, 0, FWT_NONE, 0, TL_VERDICT_DROPPED, "block in on em0" };
	fwt_expect_line(F, "Nov 26 20:30:23.439748 rule 3/(match) block in on em0: 198.51.100.20.80 > 203.0.113.1.45332: . win 0", &null);
	const struct fwt_expect rst = {
		T_ANCHOR, 1, "2001:db8::20", "2001:db8::1", 443, 45332, TL_RST, 2533098713LL,
		FWT_NONE, 0, FWT_NONE, 0, TL_VERDICT_UNKNOWN, "match in on em0" };
	fwt_expect_line(F, "2026-11-26 20:30:24.030441 rule 0/0(match): match in on em0: 2001:db8::20.443 > 2001:db8:0::1.45332: Flags [R], seq 2533098713, win 0, length 0", &rst);
}

/* Other protocols after a good header are skipped. */
static void test_other_protocols(void **state)
{
	(void)state;
	fwt_expect_result(F, TL_PARSE_SKIP, "2026-11-26 20:30:24.030441 rule 0/0(match): block in on em0: 198.51.100.53.53 > 192.0.2.10.5353: 1234 NXDomain 0/1/0 (100)");
	fwt_expect_result(F, TL_PARSE_SKIP, "2026-11-26 20:30:24.030441 rule 0/0(match): block in on em0: 192.0.2.10 > 198.51.100.20: ICMP echo request, id 1, seq 1, length 64");
	fwt_expect_result(F, TL_PARSE_SKIP, "Nov 26 20:30:23.439748 rule 3/(match) block in on em0: 192.0.2.10.123 > 198.51.100.20.123: v4 client strat 0 poll 6 prec -20");
}

static void test_hostile_lines(void **state)
{
	(void)state;
	static const char head[] = "2026-11-26 20:30:24.030441 rule 0/0(match): block in on em0: ";
	static const char *const tails[] = {
		"198.51.100.20.80 > 203.0.113.1.65536: Flags [F.], seq 1, ack 2, win 501, length 0",
		"198.51.100.20.80 > 203.0.113.1.99999999999: Flags [F.], seq 1, ack 2, win 501, length 0",
		"198.51.100.300.80 > 203.0.113.1.45348: Flags [F.], seq 1, ack 2, win 501, length 0",
		"198.51.100.20 > 203.0.113.1.45348: Flags [F.], seq 1, ack 2, win 501, length 0",
		"198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 4294967296, ack 2, win 501, length 0",
		"198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 1:, ack 2, win 501, length 0",
		"198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 1, ack x, win 501, length 0",
		"198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 1, ack 2, win 501, length 99999999999",
		"198.51.100.20.80 > 203.0.113.1.45348: Flags [FX], seq 1, ack 2, win 501, length 0",
		"198.51.100.20.80 > 203.0.113.1.45348: Flags [F., seq 1, ack 2, win 501, length 0",
		"198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 1, options [nop, length 0",
		"198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 1, ack 2, win 501",
		"198.51.100.20.80 > 203.0.113.1.45348: F 1:1(0) ack 2",
		"198.51.100.20.80 > 203.0.113.1.45348: F 1:1 ack 2 win 501",
		"198.51.100.20.80 > 203.0.113.1.45348: F 1:1(0) ack 2 win 501 <nop,nop",
		"198.51.100.20.80 203.0.113.1.45348: Flags [F.], seq 1, ack 2, win 501, length 0",
		"198.51.100.20.80 > 203.0.113.1.45348 Flags [F.], seq 1, ack 2, win 501, length 0",
		"198.51.100.20.80 > 203.0.113.1.45348:",
	};
	char line[512];
	for (unsigned i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		snprintf(line, sizeof line, "%s%s", head, tails[i]);
		fwt_expect_result(F, TL_PARSE_BAD, line);
	}
	fwt_expect_result(F, TL_PARSE_BAD, "2026-11-26 20:30:24.030441 block in on em0: 198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 1, ack 2, win 501, length 0");
	fwt_expect_result(F, TL_PARSE_BAD, "2026-11-26 20:30:24.030441 rule 0/0(match): block in on em0 198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 1, ack 2, win 501, length 0");
	fwt_expect_result(F, TL_PARSE_BAD, "2026-11-26 20:30:24.030441 rule 0/0(): block in on em0: x");
	fwt_expect_result(F, TL_PARSE_BAD, "2026-13-26 20:30:24.030441 rule 0/0(match): block in on em0: x");
	fwt_expect_result(F, TL_PARSE_BAD, "rule 0/0(match): block in on em0: 198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], length 0");
	fwt_expect_result(F, TL_PARSE_BAD, "");
}

/* A cut line is never a segment. */
static void test_truncated_at_every_byte(void **state)
{
	(void)state;
	size_t n = strlen(sample[3]);
	assert_true(fwt_truncations(F, sample[3], n - 1) > n / 2);
	size_t keep = fwt_keep(OPENBSD_FIN, " win ");
	assert_true(fwt_truncations(F, OPENBSD_FIN, keep) > keep / 2);
}

static void test_overwritten_bytes(void **state)
{
	(void)state;
	for (unsigned i = 0; i < 4; i++)
		fwt_sweep(F, sample[i], fwt_keep(sample[i], "length "));
	fwt_sweep(F, OPENBSD_FIN, fwt_keep(OPENBSD_FIN, " win "));
}

/* tcpdump lines without a pf header, filterlog, tshark are not pf's. */
static void test_sniff_is_precise(void **state)
{
	(void)state;
	assert_true(fw_test_sniff(F, "Nov 26 20:30:23.439748 rule 3/(match) block in on em0: 198.51.100.20.80 > 203.0.113.1.45332: F 2533098713:2533098713(0) ack 2191708191 win 501"));
	static const char *const others[] = {
		"Nov 26 20:30:19 pfSense filterlog[36273]: 5,,,1000000103,igb0,match,block,in,4",
		"Nov 26 20:30:19 vm kernel: rule 0/0(match) was the subject",
	};
	fw_test_sniff_precise(F, others, N(others));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_file),
		cmocka_unit_test(test_anchored_deltas),
		cmocka_unit_test(test_openbsd_lines),
		cmocka_unit_test(test_other_protocols),
		cmocka_unit_test(test_hostile_lines),
		cmocka_unit_test(test_truncated_at_every_byte),
		cmocka_unit_test(test_overwritten_bytes),
		cmocka_unit_test(test_sniff_is_precise),
	};
	return cmocka_run_group_tests(tests, fwt_setup, NULL);
}

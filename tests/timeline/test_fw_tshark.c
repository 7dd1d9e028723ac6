/* test_fw_tshark.c -- tshark summary lines: the captured sample
 * (samples/firewall/tshark_summary_ad.txt) field by field, the other time
 * forms (-t e, -t a; -t r refused), ASCII arrows of older versions, IPv6,
 * expert notes as labels, lines of other protocols, hostile lines. */
#include "config.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "fw_testlib.h"

#define F (&tl_fw_tshark)
#define ARROW "\xe2\x86\x92"
#define SRV "198.51.100.20"
#define GW "203.0.113.1"

static const char *const sample[] = {
	"  129 2026-11-26 20:30:23.654955 198.51.100.20 " ARROW " 203.0.113.1  TCP 226 [TCP Retransmission] 80 " ARROW " 45332 [FIN, PSH, ACK] Seq=65 Ack=96 Win=65536 Len=160 TSval=2341261029 TSecr=451466702",
	"  132 2026-11-26 20:30:24.086958 198.51.100.20 " ARROW " 203.0.113.1  TCP 226 [TCP Retransmission] 80 " ARROW " 45332 [FIN, PSH, ACK] Seq=65 Ack=96 Win=65536 Len=160 TSval=2341261461 TSecr=451466702",
	"  137 2026-11-26 20:30:24.918984 198.51.100.20 " ARROW " 203.0.113.1  TCP 226 [TCP Retransmission] 80 " ARROW " 45332 [FIN, PSH, ACK] Seq=65 Ack=96 Win=65536 Len=160 TSval=2341262293 TSecr=451466702",
	"  139 2026-11-26 20:30:26.582946 198.51.100.20 " ARROW " 203.0.113.1  TCP 226 [TCP Retransmission] 80 " ARROW " 45332 [FIN, PSH, ACK] Seq=65 Ack=96 Win=65536 Len=160 TSval=2341263957 TSecr=451466702",
};

/* Every sample line: -t ad times in Europe/Berlin (CET). */
static void test_sample_lines(void **state)
{
	(void)state;
	const int64_t t[] = { 1795721423654955LL, 1795721424086958LL, 1795721424918984LL, 1795721426582946LL };
	for (unsigned i = 0; i < 4; i++) {
		const struct fwt_expect e = { t[i], 1, SRV, GW, 80, 45332, TL_FIN | TL_PSH | TL_ACK, 65, 96,
					      160, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "TCP Retransmission" };
		fwt_expect_line(F, sample[i], &e);
		assert_true(fw_test_sniff(F, sample[i]));
	}
}

/* -t e, -t a, ASCII arrows and service names, IPv6, notes, flags. */
static void test_line_variants(void **state)
{
	(void)state;
	const struct fwt_expect fin = { 1795725023654955LL, 1, SRV, GW, 80, 45332, TL_FIN | TL_PSH | TL_ACK,
		65, 96, 160, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" };
	fwt_expect_line(F, "    7 1795725023.654955 198.51.100.20 " ARROW " 203.0.113.1  TCP 226 80 " ARROW " 45332 [FIN, PSH, ACK] Seq=65 Ack=96 Win=65536 Len=160", &fin);
	struct fwt_expect local = fin;
	local.t_us = 1795721423654955LL;
	fwt_expect_line(F, "  129 20:30:23.654955 198.51.100.20 " ARROW " 203.0.113.1  TCP 226 80 " ARROW " 45332 [FIN, PSH, ACK] Seq=65 Ack=96 Win=65536 Len=160", &local);
	fwt_expect_line(F, "129 2026-11-26 20:30:23.654955 198.51.100.20 -> 203.0.113.1 TCP 226 http > 45332 [FIN, PSH, ACK] Seq=65 Ack=96 Win=65536 Len=160", &local);
	fwt_expect_line(F, "129 2026-11-26 20:30:23.654955 198.51.100.20 -> 203.0.113.1 TCP 226 80 -> 45332 [FIN, PSH, ACK] Seq=65 Ack=96 Win=65536 Len=160\r", &local);
	const struct fwt_expect dup = { 1795721423654955LL, 1, "2001:db8::1", "2001:db8::20", 45332, 443,
		TL_ACK, 96, 65, 0, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "TCP Dup ACK 12#1" };
	fwt_expect_line(F, "  129 2026-11-26 20:30:23.654955 2001:db8::1 " ARROW " 2001:db8:0::20 TCP 86 [TCP Dup ACK 12#1] [TCP Window Full] 45332 " ARROW " 443 [ACK] Seq=96 Ack=65 Win=63 Len=0 SLE=1 SRE=2", &dup);
	const struct fwt_expect syn = { 1795721423654955LL, 1, GW, SRV, 45332, 80, TL_SYN | TL_ECE | TL_CWR,
		0, FWT_NONE, 0, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" };
	fwt_expect_line(F, "    1 2026-11-26 20:30:23.654955 203.0.113.1 " ARROW " 198.51.100.20 TCP 74 45332 " ARROW " 80 [SYN, ECN, CWR, Reserved] Seq=0 Win=64240 Len=0 MSS=1460", &syn);
	const struct fwt_expect none = { 1795721423654955LL, 1, GW, SRV, 45332, 80, 0,
		3000000000LL, FWT_NONE, 0, FWT_NONE, 0, TL_VERDICT_UNKNOWN, "" };
	fwt_expect_line(F, "    1 2026-11-26 20:30:23.654955 203.0.113.1 " ARROW " 198.51.100.20 TCP 54 45332 " ARROW " 80 [<None>] Seq=3000000000 Win=0 Len=0", &none);
}

static void test_skips_and_relative_times(void **state)
{
	(void)state;
	fwt_expect_result(F, TL_PARSE_SKIP, "  130 2026-11-26 20:30:23.700000 198.51.100.20 " ARROW " 203.0.113.1  HTTP 226 HTTP/1.1 200 OK  (text/plain)");
	fwt_expect_result(F, TL_PARSE_SKIP, "    3 2026-11-26 20:30:23.700000 192.0.2.10 " ARROW " 198.51.100.53 DNS 80 Standard query 0x1234 A boinc.example");
	fwt_expect_result(F, TL_PARSE_SKIP, "");
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	const char *relative = "    1 0.000000 198.51.100.20 " ARROW " 203.0.113.1  TCP 226 80 " ARROW " 45332 [FIN, ACK] Seq=65 Ack=96 Win=65536 Len=0";
	assert_int_equal(fw_test_parse(F, &st, relative, &seg), TL_PARSE_BAD);
	assert_non_null(strstr(st.error, "-t ad"));
	assert_true(fw_test_sniff(F, relative));	/* recognised, so the advice reaches the user */
}

static void test_hostile_lines(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"  1 2026-11-26 20:30:23.654955 198.51.100.20 " ARROW " 203.0.113.1 TCP 226 80 " ARROW " 70000 [FIN, ACK] Seq=65 Ack=96 Len=0",
		"  1 2026-11-26 20:30:23.654955 198.51.100.20 " ARROW " 203.0.113.1 TCP 226 80 " ARROW " 45332 [FIN, ACK] Seq=4294967296 Ack=96 Len=0",
		"  1 2026-11-26 20:30:23.654955 198.51.100.20 " ARROW " 203.0.113.1 TCP 226 80 " ARROW " 45332 [FIN, ACK] Seq=65 Ack=9x6 Len=0",
		"  1 2026-11-26 20:30:23.654955 198.51.100.20 " ARROW " 203.0.113.1 TCP 226 80 " ARROW " 45332 [FIN, FOO] Seq=65",
		"  1 2026-11-26 20:30:23.654955 198.51.100.20 " ARROW " 203.0.113.1 TCP 226 80 " ARROW " 45332 [FIN, ACK Seq=65",
		"  1 2026-11-26 20:30:23.654955 198.51.100.20 " ARROW " 203.0.113.1 TCP 226 [TCP Retransmission 80 " ARROW " 45332",
		"  1 2026-11-26 20:30:23.654955 198.51.100.300 " ARROW " 203.0.113.1 TCP 226 80 " ARROW " 45332 [FIN, ACK] Seq=65",
		"  1 2026-11-26 20:30:23.654955 198.51.100.20 " ARROW " 203.0.113.1 TCP 226 80 45332 [FIN, ACK] Seq=65",
		"  1 2026-11-26 20:30:23.654955 198.51.100.20 203.0.113.1 TCP 226 80 " ARROW " 45332 [FIN, ACK] Seq=65",
		"  1 2026-11-26 20:30:23.654955 198.51.100.20 " ARROW " 203.0.113.1 TCP 226 80 " ARROW " 45332",
		"  1 2026-02-30 20:30:23.654955 198.51.100.20 " ARROW " 203.0.113.1 TCP 226 80 " ARROW " 45332 [ACK] Seq=1",
		"\xe2\x86\x92\xe2\x86\x92 \x01",
	};
	for (unsigned i = 0; i < sizeof lines / sizeof lines[0]; i++)
		fwt_expect_result(F, TL_PARSE_BAD, lines[i]);
}

static void test_truncated_and_overwritten(void **state)
{
	(void)state;
	/* every cut before the flags close is refused; the first three
	   ("", " ", "  ") are blank lines, skipped */
	size_t keep = (size_t)(strstr(sample[0], "ACK]") - sample[0]) + 3;
	assert_int_equal(fwt_truncations(F, sample[0], keep), keep - 3);
	for (unsigned i = 0; i < 4; i++)
		fwt_sweep(F, sample[i], keep);
}

static void test_sniff_is_precise(void **state)
{
	(void)state;
	static const char *const others[] = {
		"[1795725021.025799]\t    [NEW] tcp      6 120 SYN_SENT src=192.168.77.10 dst=203.0.113.20 sport=45348 dport=80",
	};
	fw_test_sniff_precise(F, others, N(others));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_lines),
		cmocka_unit_test(test_line_variants),
		cmocka_unit_test(test_skips_and_relative_times),
		cmocka_unit_test(test_hostile_lines),
		cmocka_unit_test(test_truncated_and_overwritten),
		cmocka_unit_test(test_sniff_is_precise),
	};
	return cmocka_run_group_tests(tests, fwt_setup, NULL);
}

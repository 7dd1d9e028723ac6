/* test_fw_tcpdump.c -- tcpdump text: the captured samples
 * (samples/firewall/tcpdump_tttt.txt, tcpdump_tt_epoch.txt) field by
 * field, the other time forms (time of day on the reference date, across
 * midnight, -ttt deltas), IPv6, -i any and -e prefixes, service names,
 * -S numbers, lines that are no TCP packet, and hostile lines. Zone-less
 * times are read in Europe/Berlin (fwt_opts). */
#include "config.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "fw_testlib.h"

#define F (&tl_fw_tcpdump)
#define S 1000000LL
#define SRV "198.51.100.20"
#define GW "203.0.113.1"
/* 2026-11-26 20:30:20 in Berlin (CET), UTC seconds */
#define T_203020 1795721420LL

static const char *const tttt[] = {
	"2026-11-26 20:30:20.937151 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [P.], seq 1:65, ack 95, win 64, options [nop,nop,TS val 2341258311 ecr 451465708], length 64: HTTP: HTTP/1.1 200 OK",
	"2026-11-26 20:30:20.937164 IP 203.0.113.1.45332 > 198.51.100.20.80: Flags [.], ack 65, win 63, options [nop,nop,TS val 451465709 ecr 2341258311], length 0",
	"2026-11-26 20:30:21.930146 IP 203.0.113.1.45332 > 198.51.100.20.80: Flags [F.], seq 95, ack 65, win 63, options [nop,nop,TS val 451466702 ecr 2341258311], length 0",
	"2026-11-26 20:30:21.971048 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [.], ack 96, win 64, options [nop,nop,TS val 2341259345 ecr 451466702], length 0",
	"2026-11-26 20:30:23.439513 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [P.], seq 65:225, ack 96, win 64, options [nop,nop,TS val 2341260813 ecr 451466702], length 160: HTTP",
	"2026-11-26 20:30:23.439748 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [F.], seq 225, ack 96, win 64, options [nop,nop,TS val 2341260813 ecr 451466702], length 0",
	"2026-11-26 20:30:23.446975 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [F.], seq 225, ack 96, win 64, options [nop,nop,TS val 2341260821 ecr 451466702], length 0",
};

static const char *const epoch[] = {
	"1795725024.442977 IP 198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 225, ack 95, win 64, options [nop,nop,TS val 1637764735 ecr 3957409957], length 0",
	"1795725024.854956 IP 198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 225, ack 95, win 64, options [nop,nop,TS val 1637765147 ecr 3957409957], length 0",
	"1795725025.686993 IP 198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 225, ack 95, win 64, options [nop,nop,TS val 1637765979 ecr 3957409957], length 0",
	"1795725027.351033 IP 198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 225, ack 95, win 64, options [nop,nop,TS val 1637767643 ecr 3957409957], length 0",
};

static void test_sample_tttt(void **state)
{
	(void)state;
	const int PA = TL_PSH | TL_ACK, FA = TL_FIN | TL_ACK;
	const struct fwt_expect want[] = {
		{ T_203020 * S + 937151, 1, SRV, GW, 80, 45332, PA, 1, 95, 64, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" },
		{ T_203020 * S + 937164, 1, GW, SRV, 45332, 80, TL_ACK, FWT_NONE, 65, 0, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" },
		{ (T_203020 + 1) * S + 930146, 1, GW, SRV, 45332, 80, FA, 95, 65, 0, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" },
		{ (T_203020 + 1) * S + 971048, 1, SRV, GW, 80, 45332, TL_ACK, FWT_NONE, 96, 0, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" },
		{ (T_203020 + 3) * S + 439513, 1, SRV, GW, 80, 45332, PA, 65, 96, 160, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" },
		{ (T_203020 + 3) * S + 439748, 1, SRV, GW, 80, 45332, FA, 225, 96, 0, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" },
		{ (T_203020 + 3) * S + 446975, 1, SRV, GW, 80, 45332, FA, 225, 96, 0, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" },
	};
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	for (unsigned i = 0; i < 7; i++) {
		assert_int_equal(fw_test_parse(F, &st, tttt[i], &seg), TL_PARSE_SEGMENT);
		fwt_check(&seg, &want[i]);
		assert_true(fw_test_sniff(F, tttt[i]));
	}
}

/* -tt: epoch seconds are UTC, whatever the zone. */
static void test_sample_epoch(void **state)
{
	(void)state;
	const int64_t t[] = { 1795725024442977LL, 1795725024854956LL, 1795725025686993LL, 1795725027351033LL };
	for (unsigned i = 0; i < 4; i++) {
		const struct fwt_expect e = { t[i], 1, SRV, GW, 80, 45348, TL_FIN | TL_ACK, 225, 95, 0,
					      FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" };
		fwt_expect_line(F, epoch[i], &e);
		assert_true(fw_test_sniff(F, epoch[i]));
	}
}

#define BODY "IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [F.], seq 225, ack 96, win 64, length 0"

/* Time of day: the reference date in the zone, the next date after
 * midnight; -ttt: refused until an absolute line, then added up. */
static void test_time_forms(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, "20:30:23.439748 " BODY, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.t_us, 1795721423439748LL);
	assert_int_equal(fw_test_parse(F, &st, "23:59:59.000001 " BODY, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.t_us, 1795733999000001LL);
	/* a step back (-i any interleaves devices) is no new day */
	assert_int_equal(fw_test_parse(F, &st, "23:59:58.900000 " BODY, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.t_us, 1795733998900000LL);
	assert_int_equal(fw_test_parse(F, &st, "00:00:01.5 " BODY, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.t_us, 1795734001500000LL);	/* 2026-11-27 */
	assert_int_equal(seg.t_res_us, 100000);

	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, "00:00:00.000000 " BODY, &seg), TL_PARSE_BAD);
	assert_non_null(strstr(st.error, "-tttt"));
	assert_int_equal(fw_test_parse(F, &st, "00:00:00.100000 " BODY, &seg), TL_PARSE_BAD);
	assert_int_equal(fw_test_parse(F, &st, "2026-11-26 20:30:23.439748 " BODY, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(fw_test_parse(F, &st, "00:00:00.100000 " BODY, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.t_us, 1795721423539748LL);
	assert_int_equal(fw_test_parse(F, &st, "00:00:01.000000 " BODY, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.t_us, 1795721424539748LL);
	/* a line that is skipped still carries the running time */
	assert_int_equal(fw_test_parse(F, &st, "00:00:01.000000 ARP, Request who-has 192.0.2.1 tell 192.0.2.10, length 28", &seg), TL_PARSE_SKIP);
	assert_int_equal(fw_test_parse(F, &st, "00:00:00.000001 " BODY, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.t_us, 1795721425539749LL);
	/* OpenBSD's tcpdump -ttt prints a date */
	fwt_expect_line(F, "Nov 26 20:30:23.439748 " BODY, &(struct fwt_expect){
		1795721423439748LL, 1, SRV, GW, 80, 45332, TL_FIN | TL_ACK, 225, 96, 0, FWT_NONE, 1,
		TL_VERDICT_UNKNOWN, "" });
}

/* IPv6, -i any, -e, service names, -S (absolute numbers), the old syntax. */
static void test_line_variants(void **state)
{
	(void)state;
	const struct fwt_expect v6 = { 1795725024442977LL, 1, "2001:db8::20", "2001:db8::1", 80, 45348,
		TL_FIN | TL_ACK, 225, 95, 0, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" };
	fwt_expect_line(F, "1795725024.442977 IP6 2001:db8:0::20.80 > 2001:db8::1.45348: Flags [F.], seq 225, ack 95, win 64, length 0", &v6);
	const struct fwt_expect data = { 1795721423439513LL, 1, SRV, GW, 80, 45332,
		TL_PSH | TL_ACK, 65, 96, 160, FWT_NONE, 1, TL_VERDICT_UNKNOWN, "" };
	fwt_expect_line(F, "20:30:23.439513 gfww In  IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [P.], seq 65:225, ack 96, win 64, length 160", &data);
	fwt_expect_line(F, "20:30:23.439513 4e:b0:fc:2a:4a:37 > 96:89:68:66:05:27, ethertype IPv4 (0x0800), length 226: 198.51.100.20.80 > 203.0.113.1.45332: Flags [P.], seq 65:225, ack 96, win 64, length 160", &data);
	fwt_expect_line(F, "20:30:23.439513 IP 198.51.100.20.http > 203.0.113.1.45332: Flags [P.], cksum 0x1c2d (incorrect -> 0x9f), seq 65:225, ack 96, win 64, urg 0, length 160", &data);
	const struct fwt_expect abs = { 1795721423439513LL, 1, SRV, GW, 80, 45332,
		TL_PSH | TL_ACK, 2533098553LL, 2191708191LL, 160, FWT_NONE, 0, TL_VERDICT_UNKNOWN, "" };
	fwt_expect_line(F, "20:30:23.439513 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [P.], seq 2533098553:2533098713, ack 2191708191, win 64, length 160", &abs);
	fwt_expect_line(F, "20:30:23.439513 IP 198.51.100.20.80 > 203.0.113.1.45332: P 2533098553:2533098713(160) ack 2191708191 win 64", &abs);
	const struct fwt_expect syn = { 1795721423439513LL, 1, GW, SRV, 45332, 80, TL_SYN | TL_ECE | TL_CWR,
		3000000000LL, FWT_NONE, 0, FWT_NONE, 0, TL_VERDICT_UNKNOWN, "" };
	fwt_expect_line(F, "20:30:23.439513 IP 203.0.113.1.45332 > 198.51.100.20.80: Flags [SEW], seq 3000000000, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0", &syn);
	const struct fwt_expect none = { 1795721423439513LL, 1, GW, SRV, 45332, 80, 0,
		3000000000LL, FWT_NONE, 0, FWT_NONE, 0, TL_VERDICT_UNKNOWN, "" };
	fwt_expect_line(F, "20:30:23.439513 IP 203.0.113.1.45332 > 198.51.100.20.80: Flags [none], seq 3000000000, win 0, length 0", &none);
}

/* Relative unless seq and ack both pass 10^6 (tl_seq_guess_relative). */
static void test_relative_guess(void **state)
{
	(void)state;
	static const struct { const char *numbers; int relative; } cases[] = {
		{ "seq 999999:1000159, ack 3000000000", 1 },
		{ "seq 1000000:1000160, ack 3000000000", 1 },
		{ "seq 1000001:1000161, ack 3000000000", 0 },
		{ "seq 3000000000:3000000160, ack 1000000", 1 },
		{ "seq 3000000000:3000000160, ack 1000001", 0 },
		{ "seq 5000000:5000160, ack 96", 1 },	/* 5 MB into a download */
	};
	char line[256];
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tl_fw_state st;
		struct tl_segment seg;
		tl_fw_state_init(&st, &fwt_opts);
		snprintf(line, sizeof line, "1795725024.442977 IP 198.51.100.20.80 > 203.0.113.1.45348: Flags [P.], %s, win 64, length 160", cases[i].numbers);
		assert_int_equal(fw_test_parse(F, &st, line, &seg), TL_PARSE_SEGMENT);
		assert_int_equal(seg.seq_relative, cases[i].relative);
	}
}

/* Other protocols, banners, continuation lines. */
static void test_skips(void **state)
{
	(void)state;
	fwt_expect_result(F, TL_PARSE_SKIP, "20:30:23.439513 IP 192.0.2.10.5353 > 224.0.0.251.5353: 0 PTR (QM)? _boinc._tcp.local. (40)");
	fwt_expect_result(F, TL_PARSE_SKIP, "20:30:23.439513 IP 192.0.2.10.40000 > 198.51.100.53.53: UDP, length 40");
	fwt_expect_result(F, TL_PARSE_SKIP, "20:30:23.439513 IP 192.0.2.10 > 198.51.100.20: ICMP echo request, id 1, seq 1, length 64");
	fwt_expect_result(F, TL_PARSE_SKIP, "20:30:23.439513 ARP, Request who-has 192.0.2.1 tell 192.0.2.10, length 28");
	fwt_expect_result(F, TL_PARSE_SKIP, "20:30:23.439513 4e:b0:fc:2a:4a:37 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 192.0.2.1");
	fwt_expect_result(F, TL_PARSE_SKIP, "reading from file wan.pcap, link-type EN10MB (Ethernet), snapshot length 262144");
	fwt_expect_result(F, TL_PARSE_SKIP, "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode");
	fwt_expect_result(F, TL_PARSE_SKIP, "listening on gfww, link-type EN10MB (Ethernet), snapshot length 262144 bytes");
	fwt_expect_result(F, TL_PARSE_SKIP, "12 packets captured");
	fwt_expect_result(F, TL_PARSE_SKIP, "\t0x0000:  4500 0034 5bf0 4000 4006 0000 c633 6414");
	fwt_expect_result(F, TL_PARSE_SKIP, "");
}

static void test_hostile_lines(void **state)
{
	(void)state;
	fwt_expect_result(F, TL_PARSE_BAD, "IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [F.], seq 225, ack 96, win 64, length 0");	/* -t */
	fwt_expect_result(F, TL_PARSE_BAD, "20:30:23.439513 IP 198.51.100.20.80 > 203.0.113.1.70000: Flags [F.], seq 225, ack 96, win 64, length 0");
	fwt_expect_result(F, TL_PARSE_BAD, "20:30:23.439513 IP 198.51.100.20.ftp > 203.0.113.1.45332: Flags [F.], seq 225, ack 96, win 64, length 0");
	fwt_expect_result(F, TL_PARSE_BAD, "20:30:23.439513 IP server.example.80 > 203.0.113.1.45332: Flags [F.], seq 225, ack 96, win 64, length 0");
	fwt_expect_result(F, TL_PARSE_BAD, "20:30:23.439513 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [F.], seq 225, ack 4294967296, win 64, length 0");
	fwt_expect_result(F, TL_PARSE_BAD, "20:30:23.439513 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [F.], seq 225, ack 96, win 64, length 4294967296");
	fwt_expect_result(F, TL_PARSE_BAD, "24:30:23.439513 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [F.], seq 225, ack 96, win 64, length 0");
	fwt_expect_result(F, TL_PARSE_BAD, "\x01\x02\xff\xfe binary");
	static const char nul[] = "20:30:23.439513 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [F.], seq 2\0" "25, ack 96, win 64, length 0";
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	/* the NUL ends the number and the items: no length, a cut line */
	assert_int_equal(fw_test_parse_n(F, &st, nul, sizeof nul - 1, &seg), TL_PARSE_BAD);
}

static void test_truncated_and_overwritten(void **state)
{
	(void)state;
	size_t n = strlen(tttt[5]);
	assert_true(fwt_truncations(F, tttt[5], n - 1) > n / 2);
	for (unsigned i = 0; i < 7; i++)
		fwt_sweep(F, tttt[i], fwt_keep(tttt[i], "length "));
	fwt_sweep(F, epoch[0], fwt_keep(epoch[0], "length "));
}

static void test_sniff_is_precise(void **state)
{
	(void)state;
	assert_true(fw_test_sniff(F, "00:00:00.000000 " BODY));
	assert_true(fw_test_sniff(F, "20:30:23.439513 4e:b0:fc:2a:4a:37 > 96:89:68:66:05:27, ethertype IPv4 (0x0800), length 226: 198.51.100.20.80 > 203.0.113.1.45332: Flags [P.], seq 65:225, ack 96, win 64, length 160"));
	static const char *const others[] = {
		"Nov 26 20:30:19 vm NEW not SYN?  IN=gfww OUT= SRC=203.0.113.20 DST=203.0.113.1 PROTO=TCP SPT=80 DPT=45314",
		"reading from file wan.pcap, link-type EN10MB (Ethernet), snapshot length 262144",
	};
	fw_test_sniff_precise(F, others, N(others));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_tttt),
		cmocka_unit_test(test_sample_epoch),
		cmocka_unit_test(test_time_forms),
		cmocka_unit_test(test_line_variants),
		cmocka_unit_test(test_relative_guess),
		cmocka_unit_test(test_skips),
		cmocka_unit_test(test_hostile_lines),
		cmocka_unit_test(test_truncated_and_overwritten),
		cmocka_unit_test(test_sniff_is_precise),
	};
	return cmocka_run_group_tests(tests, fwt_setup, NULL);
}

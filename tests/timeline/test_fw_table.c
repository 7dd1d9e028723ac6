/* test_fw_table.c -- the forum's "TIMESTAMP IP_IN TCP_PORT" table: the
 * sample forum_summary_table.tsv (copied here), the other time forms of
 * notes B.10 (syslog, epoch, time of day), and hostile rows. */
#include "config.h"
#include "fw_testlib.h"

#define SRV "198.51.100.20"

/* One row: the fields a table gives, the rest unknown. */
static void check_row(struct tl_fw_state *st, const char *line, int64_t t_us, unsigned res,
		      const char *src, uint16_t dport)
{
	struct tl_segment seg;
	enum tl_parse r = fw_test_parse(&tl_fw_table, st, line, &seg);
	if (r != TL_PARSE_SEGMENT)
		fail_msg("%s\n -> %d (%s)", line, r, st->error ? st->error : "");
	assert_int_equal(seg.kind, TL_KIND_SEGMENT);
	assert_int_equal(seg.t_us, t_us);
	assert_int_equal(seg.t_res_us, res);
	assert_string_equal(seg.src, src);
	assert_string_equal(seg.dst, "");
	assert_int_equal(seg.sport, 0);
	assert_int_equal(seg.dport, dport);
	assert_int_equal(seg.has_flags, 0);
	assert_int_equal(seg.has_seq, 0);
	assert_int_equal(seg.verdict, TL_VERDICT_DROPPED);
}

/* The sample, read in Berlin (CEST in May) and in UTC. */
static void sample(void **state)
{
	(void)state;
	static const char *const rows[] = {
		"2009-05-12 14:03:28\t198.51.100.20\t33724",
		"2009-05-12 14:27:06\t198.51.100.20\t34017",
		"2009-05-12 14:50:41\t198.51.100.20\t34350",
		"2009-05-12 15:14:19\t198.51.100.20\t34688",
	};
	static const int64_t berlin[] = { 1242129808, 1242131226, 1242132641, 1242134059 };
	struct tl_fw_state st;
	struct tl_time_opts o;
	struct tl_segment seg;
	fw_test_begin(&st, &o, "Europe/Berlin", 0, 0);
	assert_int_equal(fw_test_parse(&tl_fw_table, &st, "TIMESTAMP\tIP_IN\tTCP_PORT", &seg), TL_PARSE_SKIP);
	assert_true(fw_test_sniff(&tl_fw_table, "TIMESTAMP\tIP_IN\tTCP_PORT"));
	for (size_t i = 0; i < N(rows); i++) {
		check_row(&st, rows[i], berlin[i] * US, 1000000, SRV, (uint16_t[]){ 33724, 34017, 34350, 34688 }[i]);
		assert_true(fw_test_sniff(&tl_fw_table, rows[i]));
	}
	fw_test_begin(&st, &o, "UTC", 0, 0);
	check_row(&st, rows[0], (berlin[0] + 7200) * US, 1000000, SRV, 33724);
}

/* Spaces for tabs, syslog and epoch stamps, fractions, IPv6, a CR. */
static void other_forms(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_time_opts o;
	fw_test_begin(&st, &o, "Europe/Berlin", 1242000000 * US, 0);
	check_row(&st, "May 12 14:03:28   198.51.100.20   33724", 1242129808 * US, 1000000, SRV, 33724);
	check_row(&st, "2009-05-12 14:03:28.25 198.51.100.20 33724 ", 1242129808 * US + 250000, 10000, SRV, 33724);
	check_row(&st, "1242129808.123456\t198.51.100.20\t1", 1242129808123456, 1, SRV, 1);
	check_row(&st, "1242129808 2001:DB8:0::1 65535\r", 1242129808 * US, 1000000, "2001:db8::1", 65535);
}

/* A time of day goes on the reference date, in the zone, then follows
 * the rows across midnight and across a DST change. */
static void time_of_day(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_time_opts o;
	struct tl_segment seg;
	fw_test_begin(&st, &o, "Europe/Berlin", 1242129808 * US /* 2009-05-12 */, 0);
	check_row(&st, "14:03:28.123\t198.51.100.20\t33724", 1242129808 * US + 123000, 1000, SRV, 33724);
	check_row(&st, "23:59:59\t198.51.100.20\t33725", 1242165599 * US, 1000000, SRV, 33725);
	check_row(&st, "00:00:01\t198.51.100.20\t33726", 1242165601 * US, 1000000, SRV, 33726);
	/* 2026-03-29: Berlin moves from CET to CEST at 02:00 */
	fw_test_begin(&st, &o, "Europe/Berlin", 1774785600 * US, 0);
	check_row(&st, "01:30:00 198.51.100.20 80", 1774744200 * US, 1000000, SRV, 80);
	check_row(&st, "03:30:00 198.51.100.20 80", 1774747800 * US, 1000000, SRV, 80);
	/* without a reference date a time of day is an error, not a guess */
	fw_test_begin(&st, &o, "Europe/Berlin", 0, 0);
	assert_int_equal(fw_test_parse(&tl_fw_table, &st, "14:03:28\t198.51.100.20\t33724", &seg), TL_PARSE_BAD);
	assert_string_equal(st.error, "time-of-day table needs a reference date (from the traces)");
}

static void skipped_and_bad(void **state)
{
	(void)state;
	static const char *const skip[] = { "", "   ", "# drops seen by the router", "\r", "Time\tSource\tPort" };
	static const struct fw_test_bad bad[] = {
		{ "2009-05-12 14:03:28\t198.51.100.20\t65536", "table row is not: time, address, port" },
		{ "2009-05-12 14:03:28\t198.51.100.20\t99999999999999999999", "table row is not: time, address, port" },
		{ "2009-05-12 14:03:28\t198.51.100.256\t33724", "table row is not: time, address, port" },
		{ "2009-05-12 14:03:28\t198.51.100.20", "table row is not: time, address, port" },
		{ "2009-05-12 14:03:28\t198.51.100.20\t33724\textra", "table row is not: time, address, port" },
		{ "2009-05-12 14:03:28\t198.51.100.20\t-1", "table row is not: time, address, port" },
		{ "2009-05-12 14:03:28198.51.100.20\t33724", "table row is not: time, address, port" },
		{ "2009-13-12 14:03:28\t198.51.100.20\t33724", "table row without a known time stamp" },
		{ "yesterday\t198.51.100.20\t33724", "table row without a known time stamp" },
		{ "12-May-2009 14:03:28\t198.51.100.20\t33724", "table row without a known time stamp" },
	};
	struct tl_fw_state st;
	struct tl_time_opts o;
	fw_test_begin(&st, &o, "UTC", 1242129808 * US, 0);
	fw_test_skips(&tl_fw_table, &st, skip, N(skip));
	fw_test_errors(&tl_fw_table, &st, bad, N(bad));
}

/* A row cut before its port's first digit is no row (a cut port, "3372",
 * is a well-formed row of its own); binary bytes anywhere are no crash. */
static void hostile_sweep(void **state)
{
	(void)state;
	static const char *const rows[] = {
		"2009-05-12 14:03:28.5\t198.51.100.20\t33724",
		"May 12 14:03:28 2001:db8::1 33724",
		"14:03:28.123 198.51.100.20 33724",
		"1242129808.123456 198.51.100.20 33724",
	};
	struct tl_fw_state st;
	struct tl_time_opts o;
	fw_test_begin(&st, &o, "Europe/Berlin", 1242129808 * US, 0);
	for (size_t i = 0; i < N(rows); i++) {
		size_t port = strlen(rows[i]) - 5;
		fw_test_sweep(&tl_fw_table, &st, rows[i], port + 1);
	}
}

/* Detection must leave kernel LOG, tcpdump, pf and conntrack lines alone. */
static void sniffing(void **state)
{
	(void)state;
	static const char *const others[] = {
		"2026-11-26T20:30:19.615902+01:00 gw kernel: INVALID IN=eth1 OUT= SRC=198.51.100.20",
		"[1795725021.025799]\t    [NEW] tcp      6 120 SYN_SENT src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80",
		"2005-06-15 13:05:05 [SETI@home] Sending scheduler request to http://example.invalid/cgi",
		"#Fields: date time action protocol src-ip dst-ip src-port dst-port",
		"",
	};
	fw_test_sniff_precise(&tl_fw_table, others, N(others));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample),
		cmocka_unit_test(other_forms),
		cmocka_unit_test(time_of_day),
		cmocka_unit_test(skipped_and_bad),
		cmocka_unit_test(hostile_sweep),
		cmocka_unit_test(sniffing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

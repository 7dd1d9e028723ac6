/* test_fw_filterlog.c -- pfSense / OPNsense filterlog lines: the sample
 * lines (samples/firewall/pfsense_filterlog.log) field by field, lines
 * built from the documented layouts (OPNsense labels and RFC 5424
 * structured data, IPv6, no host, no pid), other protocols and programs,
 * and hostile lines. Times are read in Europe/Berlin (fwt_opts). */
#include "config.h"
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "fw_testlib.h"

#define F (&tl_fw_filterlog)
#define S 1000000LL
/* 2026-11-26 20:30:19 in Berlin (CET, +01:00), as UTC seconds */
#define T_203019 1795721419LL

static const char *const sample[] = {
	"Nov 26 20:30:19 pfSense filterlog[36273]: 5,,,1000000103,igb0,match,block,in,4,0x0,,52,57430,0,DF,6,tcp,1500,198.51.100.20,203.0.113.1,80,45314,1448,A,982149289:982150737,2576867851,501,,nop;nop;TS",
	"Nov 26 20:30:23 pfSense filterlog[36273]: 5,,,1000000103,igb0,match,block,in,4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45332,0,FA,2533098713,2191708191,501,,nop;nop;TS",
	"Nov 26 20:30:23 pfSense filterlog[36273]: 5,,,1000000103,igb0,match,block,in,4,0x0,,52,23538,0,DF,6,tcp,212,198.51.100.20,203.0.113.1,80,45332,160,FPA,2533098553:2533098713,2191708191,501,,nop;nop;TS",
	"<134>1 2026-11-26T20:30:24.030662+01:00 pfSense.home.arpa filterlog 36273 - - 5,,,1000000103,igb0,match,block,in,4,0x0,,52,51885,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45348,0,FA,2040313100,3413696836,501,,nop;nop;TS",
};

/* Built from the documented IPv6 order: class, flow label, hop limit,
 * protocol name, protocol id, length, addresses, then TCP as for IPv4. */
static const char v6_line[] = "Nov 26 20:30:23 pfSense filterlog[36273]: 7,,,1000000105,igb0,match,block,in,6,0x00,0x00000,52,"
	"tcp,6,192,2001:db8::20,2001:0db8:0:0::1,443,45332,160,FPA,2533098553:2533098713,2191708191,501,,nop;nop;TS";

/* Every sample line, every field. */
static void test_sample_lines(void **state)
{
	(void)state;
	const struct fwt_expect want[] = {
		{ T_203019 * S, 1000000, "198.51.100.20", "203.0.113.1", 80, 45314, TL_ACK,
		  982149289, 2576867851LL, 1448, 57430, 0, TL_VERDICT_DROPPED, "block in on igb0" },
		{ (T_203019 + 4) * S, 1000000, "198.51.100.20", "203.0.113.1", 80, 45332,
		  TL_FIN | TL_ACK, 2533098713LL, 2191708191LL, 0, 23536, 0, TL_VERDICT_DROPPED,
		  "block in on igb0" },
		{ (T_203019 + 4) * S, 1000000, "198.51.100.20", "203.0.113.1", 80, 45332,
		  TL_FIN | TL_PSH | TL_ACK, 2533098553LL, 2191708191LL, 160, 23538, 0,
		  TL_VERDICT_DROPPED, "block in on igb0" },
		{ (T_203019 + 5) * S + 30662, 1, "198.51.100.20", "203.0.113.1", 80, 45348,
		  TL_FIN | TL_ACK, 2040313100LL, 3413696836LL, 0, 51885, 0, TL_VERDICT_DROPPED,
		  "block in on igb0" },
	};
	for (unsigned i = 0; i < 4; i++) {
		fwt_expect_line(F, sample[i], &want[i]);
		assert_true(fw_test_sniff(F, sample[i]));
	}
}

/* The same file read in one state: the year guess carries over, CRLF. */
static void test_sample_as_file_with_crlf(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_segment seg;
	char line[512];
	tl_fw_state_init(&st, &fwt_opts);
	for (unsigned i = 0; i < 4; i++) {
		snprintf(line, sizeof line, "%s\r", sample[i]);
		assert_int_equal(fw_test_parse(F, &st, line, &seg), TL_PARSE_SEGMENT);
		assert_string_equal(seg.label, "block in on igb0");
	}
	assert_int_equal(seg.t_us, (T_203019 + 5) * S + 30662);
	assert_int_equal(seg.ipid, 51885);
}

/* OPNsense: the tracker is a rule label, RFC 5424 lines carry structured
 * data; a pass rule. Also a SYN (no ack) and IPv6 (its own layout). */
static void test_documented_layouts(void **state)
{
	(void)state;
	const struct fwt_expect opn = {
		(T_203019 + 4) * S + 439748, 1, "198.51.100.20", "203.0.113.1", 80, 45332,
		TL_FIN | TL_ACK, 2533098713LL, 2191708191LL, 0, 23536, 0, TL_VERDICT_PASSED,
		"pass out on em0" };
	fwt_expect_line(F, "<134>1 2026-11-26T20:30:23.439748+01:00 OPNsense.localdomain filterlog 51411 - "
		"[meta sequenceId=\"7\" note=\"a \\\" ], b\"] 83,,,02f4bab031b57d1e30553ce08e0ec131,em0,match,pass,out,"
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45332,0,FA,2533098713,2191708191,501,,nop;nop;TS", &opn);
	const struct fwt_expect syn = {
		(T_203019 + 4) * S, 1000000, "192.0.2.10", "198.51.100.20", 45350, 80, TL_SYN,
		3000000000LL, FWT_NONE, 0, 1, 0, TL_VERDICT_DROPPED, "block out on em0" };
	fwt_expect_line(F, "Nov 26 20:30:23 OPNsense.localdomain filterlog[51411]: 83,,,02f4bab031b57d1e30553ce08e0ec131,em0,"
		"match,block,out,4,0x0,,64,1,0,DF,6,tcp,60,192.0.2.10,198.51.100.20,45350,80,0,S,3000000000,,64240,,mss;sackOK;TS;nop;wscale", &syn);
	const struct fwt_expect v6 = {
		(T_203019 + 4) * S, 1000000, "2001:db8::20", "2001:db8::1", 443, 45332,
		TL_FIN | TL_PSH | TL_ACK, 2533098553LL, 2191708191LL, 160, FWT_NONE, 0,
		TL_VERDICT_DROPPED, "block in on igb0" };
	fwt_expect_line(F, v6_line, &v6);
	assert_true(fw_test_sniff(F, v6_line));
	/* no data-length field: the sequence range gives it */
	const struct fwt_expect range = {
		(T_203019 + 4) * S, 1000000, "2001:db8::20", "2001:db8::1", 443, 45332,
		TL_PSH | TL_ACK, 100, 7, 50, FWT_NONE, 0, TL_VERDICT_DROPPED, "block in on igb0" };
	fwt_expect_line(F, "Nov 26 20:30:23 pfSense filterlog[36273]: 7,,,1000000105,igb0,match,block,in,6,0x00,0x00000,52,"
		"TCP,6,192,2001:db8::20,2001:db8::1,443,45332,,PA,100:150,7,501,,", &range);
}

/* BSD lines forwarded without host, or from old versions without a pid. */
static void test_no_host_no_pid(void **state)
{
	(void)state;
	const struct fwt_expect e = {
		(T_203019 + 4) * S, 1000000, "198.51.100.20", "203.0.113.1", 80, 45332,
		TL_FIN | TL_ACK, 2533098713LL, 2191708191LL, 0, 23536, 0, TL_VERDICT_DROPPED,
		"block in on igb0" };
	const char *csv = "5,,,1000000103,igb0,match,block,in,4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45332,0,FA,2533098713,2191708191,501,,nop;nop;TS";
	char line[512];
	snprintf(line, sizeof line, "Nov 26 20:30:23 filterlog[36273]: %s", csv);
	fwt_expect_line(F, line, &e);
	snprintf(line, sizeof line, "Nov 26 20:30:23 filterlog: %s", csv);
	fwt_expect_line(F, line, &e);
	snprintf(line, sizeof line, "<134>Nov 26 20:30:23 filterlog: %s", csv);
	fwt_expect_line(F, line, &e);
	/* rsyslog on the receiving side: RFC 3339 stamp, BSD-style tag */
	snprintf(line, sizeof line, "2026-11-26T20:30:23+01:00 pfSense filterlog[36273]: %s", csv);
	fwt_expect_line(F, line, &e);
}

/* Other protocols and programs are skipped, not errors. */
static void test_skips(void **state)
{
	(void)state;
	fwt_expect_result(F, TL_PARSE_SKIP, "Nov 26 20:30:23 pfSense filterlog[36273]: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,12345,0,none,17,udp,76,192.0.2.10,198.51.100.53,5353,53,56");
	fwt_expect_result(F, TL_PARSE_SKIP, "Nov 26 20:30:23 pfSense filterlog[36273]: 5,,,1000000103,igb0,match,block,in,4,0x0,,64,1,0,none,1,icmp,84,192.0.2.10,198.51.100.20,request,4660,1");
	fwt_expect_result(F, TL_PARSE_SKIP, "Nov 26 20:30:23 pfSense filterlog[36273]: 48,16777216,,1000000201,em0,match,block,in,6,0x00,0x00000,255,VRRP,112,36,fe80::100:1000:1001:1011,ff02::12,");
	fwt_expect_result(F, TL_PARSE_SKIP, "Nov 26 20:30:23 pfSense php-fpm[123]: /index.php: Successful login for user 'admin'");
	fwt_expect_result(F, TL_PARSE_SKIP, "<134>1 2026-11-26T20:30:24+01:00 pfSense.home.arpa sshd 999 - - Accepted publickey");
	assert_false(fw_test_sniff(F, "Nov 26 20:30:23 pfSense php-fpm[123]: /index.php: Successful login"));
}

/* Lines that must be refused, each for one reason. */
static void test_hostile_lines(void **state)
{
	(void)state;
	static const char head[] = "Nov 26 20:30:23 pfSense filterlog[36273]: 5,,,1000000103,igb0,match,block,in,";
	static const char *const tails[] = {
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,65536,0,FA,2533098713,2191708191,501,,",	/* port */
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,-80,45332,0,FA,2533098713,2191708191,501,,",
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.256,203.0.113.1,80,45332,0,FA,2533098713,2191708191,501,,",	/* address */
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,host.example,80,45332,0,FA,2533098713,2191708191,501,,",
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45332,0,FA,4294967296,2191708191,501,,",	/* 2^32 */
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45332,0,FA,25330987139999999999,1,501,,",
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45332,0,FA,1:99999999999,1,501,,",
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45332,0,FA,1,2x,501,,",
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45332,x,FA,1,2,501,,",
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45332,0,FXA,1,2,501,,",	/* flag */
		"5,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45332,0,FA,1,2,501,,",	/* version */
		"4,0x0,,52,23536,0,DF,6,udp,52,198.51.100.20,203.0.113.1,80,45332,0,FA,1,2,501,,",	/* id vs name */
		"4,0x0,,52,23536,0,DF,six,tcp,52,198.51.100.20,203.0.113.1,80,45332,0,FA,1,2,501,,",
		"4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20,203.0.113.1,80,45332,0,FA,1,2,501",	/* short */
		"4,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",	/* too many */
	};
	char line[512];
	for (unsigned i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		snprintf(line, sizeof line, "%s%s", head, tails[i]);
		fwt_expect_result(F, TL_PARSE_BAD, line);
	}
	fwt_expect_result(F, TL_PARSE_BAD, "Nov 31 20:30:23 pfSense filterlog[36273]: 5,,,1,igb0,match,block,in,4");	/* date */
	fwt_expect_result(F, TL_PARSE_BAD, "Nov 26 20:30:23 pfSense filterlog[36x]: 5,,,1,igb0,match,block,in,4");	/* pid */
	fwt_expect_result(F, TL_PARSE_BAD, "5,,,1000000103,igb0,match,block,in,4,0x0,,52,23536,0,DF,6,tcp");	/* no syslog */
	fwt_expect_result(F, TL_PARSE_BAD, "<134>1 2026-11-26T20:30:24+01:00 host filterlog 1 - [meta x=\"]");	/* SD */
	fwt_expect_result(F, TL_PARSE_BAD, "");
	/* a NUL inside an address: refused, not cut at the NUL */
	static const char nul[] = "Nov 26 20:30:23 pfSense filterlog[36273]: 5,,,1000000103,igb0,match,block,in,4,0x0,,52,23536,0,DF,6,tcp,52,198.51.100.20\0zz,203.0.113.1,80,45332,0,FA,1,2,501,,";
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse_n(F, &st, nul, sizeof nul - 1, &seg), TL_PARSE_BAD);
}

/* Every prefix that ends before the options field is refused. */
static void test_truncated_at_every_byte(void **state)
{
	(void)state;
	for (unsigned i = 0; i < 4; i++) {
		size_t keep = (size_t)(strrchr(sample[i], ',') - sample[i]);
		assert_int_equal(fwt_truncations(F, sample[i], keep), keep);
	}
	size_t keep = (size_t)(strrchr(v6_line, ',') - v6_line);
	assert_int_equal(fwt_truncations(F, v6_line, keep), keep);
}

static void test_overwritten_bytes(void **state)
{
	(void)state;
	for (unsigned i = 0; i < 4; i++)
		fwt_sweep(F, sample[i], (size_t)(strrchr(sample[i], ',') - sample[i]));
	fwt_sweep(F, v6_line, (size_t)(strrchr(v6_line, ',') - v6_line));
}

/* Lines of the other formats are not taken for filterlog. */
static void test_sniff_is_precise(void **state)
{
	(void)state;
	static const char *const others[] = {
		"Nov 26 20:30:19 vm NEW not SYN?  IN=gfww OUT= MAC=4e:b0 SRC=203.0.113.20 DST=203.0.113.1 LEN=1500 PROTO=TCP SPT=80 DPT=45314",
		"Nov 26 20:30:23 pfSense filterlog[36273]: hello",
	};
	fw_test_sniff_precise(F, others, N(others));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_lines),
		cmocka_unit_test(test_sample_as_file_with_crlf),
		cmocka_unit_test(test_documented_layouts),
		cmocka_unit_test(test_no_host_no_pid),
		cmocka_unit_test(test_skips),
		cmocka_unit_test(test_hostile_lines),
		cmocka_unit_test(test_truncated_at_every_byte),
		cmocka_unit_test(test_overwritten_bytes),
		cmocka_unit_test(test_sniff_is_precise),
	};
	return cmocka_run_group_tests(tests, fwt_setup, NULL);
}

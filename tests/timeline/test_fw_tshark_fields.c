/* test_fw_tshark_fields.c -- tshark -T fields output, as tshark 4.0.17
 * printed it for a capture made here (curl against python's http.server
 * between two network namespaces, IPv4 and IPv6, a refused port, an ICMP
 * port-unreachable quoting a SYN, UDP, ARP): three files in
 * tests/timeline/data/ (a TSV with a header, a CSV with frame.time and
 * ip.proto, a TSV without a header), field by field; the other time
 * columns and -E options from the same capture; lines built from those
 * for the cases tshark did not print (DST, other zones, 4.2's ISO 8601);
 * hostile lines, truncations, corrupted bytes; sniff precision. */
#include "config.h"
#include <stdio.h>
#include "fw_testlib.h"

#define F (&tl_fw_tshark_fields)
#define DOT "\xc2\xb7"
#define FIN_ACK DOT DOT DOT DOT DOT DOT DOT "A" DOT DOT DOT "F"
#define SYN_ONLY DOT DOT DOT DOT DOT DOT DOT DOT DOT DOT "S" DOT
#define SRV "198.51.100.20"
#define CLI "203.0.113.1"
#define T0 1795740384LL		/* 2026-11-27 00:46:24 UTC, 01:46:24 CET */
#define NONE FWT_NONE
#define UNKNOWN TL_VERDICT_UNKNOWN

/* Results of one sample file read with one state, as the tool reads it. */
struct file_result {
	unsigned segments, skipped, bad;
	struct tl_segment seg[64];	/* by line number (1-based), SEGMENT lines */
	enum tl_parse r[64];
	const char *error[64];
};

/* A sample file of tests/timeline/data (make check sets top_srcdir). */
static FILE *open_sample(const char *name)
{
	char path[1024];
	const char *top = getenv("top_srcdir");
	snprintf(path, sizeof path, "%s/tests/timeline/data/%s", top ? top : "../..", name);
	FILE *fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	return fp;
}

/* Every line of a sample through one state; results kept by line. */
static void read_sample(const char *name, struct file_result *out)
{
	char line[2048];
	struct tl_fw_state st;
	unsigned n = 0;
	FILE *fp = open_sample(name);
	memset(out, 0, sizeof *out);
	tl_fw_state_init(&st, &fwt_opts);
	while (fgets(line, sizeof line, fp) && ++n < 64) {
		struct tl_segment seg;
		out->r[n] = fw_test_parse_n(F, &st, line, strcspn(line, "\n"), &seg);
		out->error[n] = st.error;
		if (out->r[n] == TL_PARSE_SEGMENT)
			out->seg[n] = seg, out->segments++;
		out->skipped += out->r[n] == TL_PARSE_SKIP;
		out->bad += out->r[n] == TL_PARSE_BAD;
	}
	fclose(fp);
}

/* The header file: every TCP packet a segment with absolute numbers from
 * the _raw columns; ICMP quoting a SYN, UDP and ARP skipped. */
static void test_header_file(void **state)
{
	(void)state;
	static struct file_result f;
	read_sample("tshark_fields_header.tsv", &f);
	assert_int_equal(f.segments, 41);
	assert_int_equal(f.skipped, 6);	/* header, ICMP, 2 ARP, UDP, ICMP */
	assert_int_equal(f.bad, 0);
	const struct fwt_expect syn = { T0 * US + 242632, 1, CLI, SRV, 47642, 80, TL_SYN,
					1795742453, 0, 0, 0x476d, 0, UNKNOWN, "" };
	const struct fwt_expect fin = { T0 * US + 246238, 1, SRV, CLI, 80, 47642, TL_FIN | TL_ACK,
					785286764, 1795742539, 0, 0x8046, 0, UNKNOWN, "" };
	const struct fwt_expect v6 = { T0 * US + 256092, 1, "2001:db8::20", "2001:db8::1", 80, 51832,
				       TL_SYN | TL_ACK, 1156045812, 1852981615, 0, NONE, 0, UNKNOWN, "" };
	const struct fwt_expect rst = { T0 * US + 271929, 1, SRV, CLI, 81, 35552, TL_RST | TL_ACK,
					0, 1422640140, 0, 0, 0, UNKNOWN, "" };
	fwt_check(&f.seg[2], &syn);
	fwt_check(&f.seg[11], &fin);
	fwt_check(&f.seg[15], &v6);
	fwt_check(&f.seg[39], &rst);
	assert_int_equal(f.seg[9].len, 4053);
	for (unsigned i = 41; i <= 47; i++)
		if (i != 42 && i != 43)
			assert_int_equal(f.r[i], TL_PARSE_SKIP);
}

/* -E separator=, with frame.time (local, named zone): the same times; an
 * ICMP error's joined values make extra columns, refused with the reason. */
static void test_comma_file(void **state)
{
	(void)state;
	static struct file_result f;
	read_sample("tshark_fields_comma.csv", &f);
	assert_int_equal(f.segments, 13);
	assert_int_equal(f.skipped, 2);	/* header, UDP (ip.proto 17) */
	assert_int_equal(f.bad, 2);
	assert_int_equal(f.r[13], TL_PARSE_BAD);
	assert_string_equal(f.error[13], "more columns than the header (a field with several values? -E occurrence=f)");
	const struct fwt_expect fin = { T0 * US + 246238, 1, SRV, CLI, 80, 47642, TL_FIN | TL_ACK,
					785286764, 1795742539, 0, NONE, 0, UNKNOWN, "" };
	fwt_check(&f.seg[4], &fin);
	assert_int_equal(f.seg[15].t_us, (T0 + 96) * US + 605859);
}

/* No header: addresses, ports, flags and the time by their look; the
 * tcp.seq column is not read (a bare number says not what it is). */
static void test_noheader_file(void **state)
{
	(void)state;
	static struct file_result f;
	read_sample("tshark_fields_noheader.tsv", &f);
	assert_int_equal(f.segments, 41);
	assert_int_equal(f.skipped, 5);
	assert_int_equal(f.bad, 0);
	const struct fwt_expect fin = { T0 * US + 246238, 1, SRV, CLI, 80, 47642, TL_FIN | TL_ACK,
					NONE, NONE, NONE, NONE, 0, UNKNOWN, "" };
	const struct fwt_expect v6 = { T0 * US + 256075, 1, "2001:db8::1", "2001:db8::20", 51832, 80,
				       TL_SYN, NONE, NONE, NONE, NONE, 0, UNKNOWN, "" };
	fwt_check(&f.seg[10], &fin);
	fwt_check(&f.seg[13], &v6);
}

/* Parses lines in order in one state (header first), the last must give
 * a segment at t_us. */
static void expect_time(const struct tl_time_opts *o, const char *const *lines, unsigned n, int64_t t_us)
{
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, o);
	for (unsigned i = 0; i + 1 < n; i++)
		assert_int_equal(fw_test_parse(F, &st, lines[i], &seg), TL_PARSE_SKIP);
	enum tl_parse r = fw_test_parse(F, &st, lines[n - 1], &seg);
	if (r != TL_PARSE_SEGMENT)
		fail_msg("%d (%s): %s", r, st.error ? st.error : "-", lines[n - 1]);
	assert_int_equal(seg.t_us, t_us);
}

#define COL_HDR "_ws.col.Time\tip.src\tip.dst\ttcp.srcport\ttcp.dstport\ttcp.flags.str\ttcp.seq\ttcp.ack\ttcp.len"
#define COL_REST "\t" CLI "\t" SRV "\t47642\t80\t" FIN_ACK "\t86\t4243\t0"
#define TIME_HDR "frame.time\tip.src\ttcp.srcport\tip.dst\ttcp.dstport\ttcp.flags"
#define TIME_REST "\t" SRV "\t80\t" CLI "\t47642\t0x0011"

/* Every time column tshark has, in each form it prints. */
static void test_time_columns(void **state)
{
	(void)state;
	/* a reference on the capture's date, for -t a's time of day */
	const struct tl_time_opts nov27 = { "Europe/Berlin", T0 * US, 0 };
	const int64_t t = T0 * US + 246360;
	const char *ad[] = { COL_HDR, "2026-11-27 01:46:24.246360550" COL_REST };
	const char *a[] = { COL_HDR, "01:46:24.246360550" COL_REST };
	const char *e[] = { COL_HDR, "1795740384.246360550" COL_REST };
	expect_time(&nov27, ad, 2, t);
	expect_time(&nov27, a, 2, t);
	expect_time(&nov27, e, 2, t);
	/* frame.time: CET, CEST (a capture of June), the day padded, UTC */
	const char *cet[] = { TIME_HDR, "Nov 27, 2026 01:46:24.246238688 CET" TIME_REST };
	const char *cest[] = { TIME_HDR, "Jun 28, 2026 02:46:24.246238688 CEST" TIME_REST };
	const char *padded[] = { TIME_HDR, "Nov  6, 2026 01:46:24.246238688 CET" TIME_REST };
	const char *utc[] = { TIME_HDR, "Nov 27, 2026 00:46:24.246238688 UTC" TIME_REST };
	expect_time(&fwt_opts, cet, 2, T0 * US + 246238);
	expect_time(&fwt_opts, cest, 2, 1782607584LL * US + 246238);
	expect_time(&fwt_opts, padded, 2, (T0 - 21 * 86400) * US + 246238);
	expect_time(&fwt_opts, utc, 2, T0 * US + 246238);
	/* the hour a DST change repeats: the zone's name says which one */
	const char *first[] = { TIME_HDR, "Oct 25, 2026 02:30:00.000000000 CEST" TIME_REST };
	const char *second[] = { TIME_HDR, "Oct 25, 2026 02:30:00.000000000 CET" TIME_REST };
	expect_time(&fwt_opts, first, 2, 1792888200LL * US);
	expect_time(&fwt_opts, second, 2, 1792891800LL * US);
	/* Wireshark 4.2 on: ISO 8601, and frame.time_utc */
	const char *iso[] = { TIME_HDR, "2026-11-27T01:46:24.246238688+0100" TIME_REST };
	const char *iso_utc[] = { "frame.time_utc\tip.src\ttcp.srcport\tip.dst\ttcp.dstport\ttcp.flags",
				  "2026-11-27T00:46:24.246238688Z" TIME_REST };
	expect_time(&fwt_opts, iso, 2, T0 * US + 246238);
	expect_time(&fwt_opts, iso_utc, 2, T0 * US + 246238);
	/* frame.time_epoch is preferred to every other time column */
	const char *both[] = { "frame.time\tframe.time_epoch\tip.src\ttcp.srcport\tip.dst\ttcp.dstport",
			       "Nov 27, 2026 01:46:24.246238688 CET\t1795740385.5\t" SRV "\t80\t" CLI "\t47642" };
	expect_time(&fwt_opts, both, 2, (T0 + 1) * US + 500000);
}

/* Times that are no absolute time, or not in the zone of --tz. */
static void test_time_refused(void **state)
{
	(void)state;
	static const struct {
		const char *header, *line, *error;
	} cases[] = {
		{ COL_HDR, "0.003727640" COL_REST,
		  "no absolute time in _ws.col.Time (-t r/d/dd?): print with -t ad or -t e" },
		{ TIME_HDR, "Nov 27, 2026 01:46:24.246238688 EST" TIME_REST,
		  "frame.time in a zone that is not --tz's: give --tz the zone tshark ran in" },
		{ TIME_HDR, "Nov 27, 2026 01:46:24.246238688 CEST" TIME_REST,
		  "frame.time in a zone that is not --tz's: give --tz the zone tshark ran in" },
		{ TIME_HDR, "Nov 27, 2026 25:46:24.246238688 CET" TIME_REST, "bad frame.time" },
		{ TIME_HDR, "Nov 27 2026 01:46:24.246238688 CET" TIME_REST, "bad frame.time" },
		{ TIME_HDR, "Nov 27, 2026 01:46:24.246238688 C T" TIME_REST, "bad frame.time" },
		{ TIME_HDR, "2026-11-27T01:46:24+0100 CET" TIME_REST, "bad frame.time" },
		{ "frame.time_epoch\tip.src\ttcp.srcport\tip.dst\ttcp.dstport",
		  "1795740384.2466x\t" SRV "\t80\t" CLI "\t47642", "bad frame.time_epoch" },
	};
	for (unsigned i = 0; i < N(cases); i++) {
		struct tl_fw_state st;
		struct tl_segment seg;
		tl_fw_state_init(&st, &fwt_opts);
		assert_int_equal(fw_test_parse(F, &st, cases[i].header, &seg), TL_PARSE_SKIP);
		const struct fw_test_bad bad = { cases[i].line, cases[i].error };
		fw_test_errors(F, &st, &bad, 1);
	}
}

#define SHORT_HDR "frame.time_epoch\tip.src\tipv6.src\ttcp.srcport\tip.dst\tipv6.dst\ttcp.dstport\ttcp.flags"
#define FIN_LINE "1795740384.246238688\t" SRV "\t\t80\t" CLI "\t\t47642\t0x0011"

/* -E options (real output), column orders and kinds the header can have. */
static void test_header_variants(void **state)
{
	(void)state;
	const struct fwt_expect fin = { T0 * US + 246360, 1, CLI, SRV, 47642, 80, TL_FIN | TL_ACK,
					NONE, NONE, NONE, NONE, 0, UNKNOWN, "" };
	/* -E quote=s -E bom=y, and -E quote=d -E separator=, */
	const char *quoted[] = {
		"\xef\xbb\xbf" "frame.time_epoch\tip.src\ttcp.srcport\tip.dst\ttcp.dstport\ttcp.flags.str",
		"'1795740384.246360550'\t'" CLI "'\t'47642'\t'" SRV "'\t'80'\t'" FIN_ACK "'" };
	const char *dquoted[] = { "frame.time,ip.src,tcp.srcport,ip.dst,tcp.dstport,tcp.flags",
				  "\"Nov 27, 2026 01:46:24.246360550 CET\",\"" CLI "\",\"47642\",\"" SRV "\",\"80\",\"0x0011\"" };
	expect_time(&fwt_opts, quoted, 2, fin.t_us);
	expect_time(&fwt_opts, dquoted, 2, fin.t_us);
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, quoted[0], &seg), TL_PARSE_SKIP);
	assert_int_equal(fw_test_parse(F, &st, quoted[1], &seg), TL_PARSE_SEGMENT);
	fwt_check(&seg, &fin);
	/* tcp.seq/tcp.ack without _raw: relative, and said so; CRLF */
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, COL_HDR "\r", &seg), TL_PARSE_SKIP);
	assert_int_equal(fw_test_parse(F, &st, "1795740384.246360550" COL_REST "\r", &seg), TL_PARSE_SEGMENT);
	const struct fwt_expect rel = { T0 * US + 246360, 1, CLI, SRV, 47642, 80, TL_FIN | TL_ACK,
					86, 4243, 0, NONE, 1, UNKNOWN, "" };
	fwt_check(&seg, &rel);
	/* a column the parser does not know is passed over; a second header
	   in a concatenated file replaces the first */
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, "frame.number\t" SHORT_HDR, &seg), TL_PARSE_SKIP);
	assert_int_equal(fw_test_parse(F, &st, "17\t" FIN_LINE, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.sport, 80);
	assert_int_equal(fw_test_parse(F, &st, SHORT_HDR, &seg), TL_PARSE_SKIP);
	assert_int_equal(fw_test_parse(F, &st, FIN_LINE, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.flags, TL_FIN | TL_ACK);
}

/* Lines of a header file that are no TCP segment, or not readable. */
static void test_header_skips_and_errors(void **state)
{
	(void)state;
	static const char *const skipped[] = {
		"",
		"\t",
		"1795740534.226587096\t\t\t\t\t\t\t",	/* ARP */
		"1795740534.226602759\t" CLI "\t\t\t" SRV "\t\t\t",	/* UDP */
		"1795740479.595241198\t" SRV "," CLI "\t\t45184\t" CLI "," SRV "\t\t82\t0x0002",
	};
	static const struct fw_test_bad bad[] = {
		{ "1795740384.246238688\t" SRV "\t\t65536\t" CLI "\t\t47642\t0x0011", "bad tcp.srcport or tcp.dstport" },
		{ "1795740384.246238688\t" SRV "\t\t80\t" CLI "\t\t\t0x0011", "bad tcp.srcport or tcp.dstport" },
		{ "1795740384.246238688\t198.51.100.256\t\t80\t" CLI "\t\t47642\t0x0011",
		  "bad ip.src/ipv6.src or ip.dst/ipv6.dst address" },
		{ "1795740384.246238688\t\t\t80\t\t\t47642\t0x0011",
		  "bad ip.src/ipv6.src or ip.dst/ipv6.dst address" },
		{ "1795740384.246238688\t" SRV "\t\t80\t" CLI "\t\t47642\t0x1011", "bad tcp.flags or tcp.flags.str" },
		{ "1795740384.246238688\t" SRV "\t\t80\t" CLI "\t\t47642\t0x0011x", "bad tcp.flags or tcp.flags.str" },
		{ "1795740384.246238688\t" SRV "\t\t80\t" CLI "\t\t47642\t0x", "bad tcp.flags or tcp.flags.str" },
		{ "1795740384.246238688\t" SRV "\t\t80\t" CLI "\t\t47642\t17", "bad tcp.flags or tcp.flags.str" },
		{ "1795740384.246238688\t" SRV "\t\t80\t" CLI "\t\t47642", "fewer columns than the tshark -T fields header" },
		{ "1795740384.246238688\t" SRV "\t\t80\t" CLI "\t\t47642\t0x0011\t",
		  "more columns than the header (a field with several values? -E occurrence=f)" },
	};
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, SHORT_HDR, &seg), TL_PARSE_SKIP);
	fw_test_skips(F, &st, skipped, N(skipped));
	fw_test_errors(F, &st, bad, N(bad));
	/* a NUL inside a line */
	static const char nul[] = "1795740384\0" "246238688\t" SRV "\t\t80\t" CLI "\t\t47642\t0x0011";
	assert_int_equal(fw_test_parse_n(F, &st, nul, sizeof nul - 1, &seg), TL_PARSE_BAD);
	assert_string_equal(st.error, "bad frame.time_epoch");
	/* numbers: seq beyond 32 bits, ip.id beyond 16 */
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, SHORT_HDR "\ttcp.seq_raw\tip.id", &seg), TL_PARSE_SKIP);
	const struct fw_test_bad numbers[] = {
		{ FIN_LINE "\t99999999999\t0x8046", "bad tcp.seq/tcp.ack/tcp.len or ip.id" },
		{ FIN_LINE "\t785286764\t0x18046", "bad tcp.seq/tcp.ack/tcp.len or ip.id" },
		{ FIN_LINE "\t785286764\t65536", "bad tcp.seq/tcp.ack/tcp.len or ip.id" },
	};
	fw_test_errors(F, &st, numbers, N(numbers));
	/* ip.proto says what the IPv4 packet carries */
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, SHORT_HDR "\tip.proto", &seg), TL_PARSE_SKIP);
	assert_int_equal(fw_test_parse(F, &st, FIN_LINE "\t6", &seg), TL_PARSE_SEGMENT);
	assert_int_equal(fw_test_parse(F, &st, FIN_LINE "\t1,6", &seg), TL_PARSE_SKIP);
	assert_int_equal(fw_test_parse(F, &st, FIN_LINE "\t17", &seg), TL_PARSE_SKIP);
	assert_int_equal(fw_test_parse(F, &st, FIN_LINE "\t66", &seg), TL_PARSE_SKIP);
}

/* A header without what a segment needs makes the file unreadable, said
 * on the header and on every line after it. */
static void test_unusable_header(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	const struct fw_test_bad lines[] = {
		{ "frame.time_epoch\tip.src\tip.dst\ttcp.flags",
		  "tshark -T fields header without a time, ip.src/ipv6.src, ip.dst/ipv6.dst, tcp.srcport or tcp.dstport" },
		{ FIN_LINE, "no usable tshark -T fields header before this line" },
	};
	fw_test_errors(F, &st, lines, N(lines));
	/* a stray word is no header: it does not spoil the file */
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, "tshark", &seg), TL_PARSE_BAD);
	assert_string_equal(st.error, "tshark -T fields without -E header=y: give the header");
	assert_int_equal(st.have_fields, 0);
}

#define NH_FIN "1795740384.246238688\t" SRV "\t80\t" CLI "\t47642"

/* Without a header: the layouts that leave no doubt, and those that do. */
static void test_inferred_columns(void **state)
{
	(void)state;
	const struct fwt_expect fin = { T0 * US + 246238, 1, SRV, CLI, 80, 47642, TL_FIN | TL_ACK,
					NONE, NONE, NONE, NONE, 0, UNKNOWN, "" };
	const struct fwt_expect noflags = { T0 * US + 246238, 1, SRV, CLI, 80, 47642, NONE,
					    NONE, NONE, NONE, NONE, 0, UNKNOWN, "" };
	fwt_expect_line(F, NH_FIN "\t" FIN_ACK, &fin);
	fwt_expect_line(F, NH_FIN "\t0x0011", &fin);
	fwt_expect_line(F, NH_FIN "\t0x0011\t" FIN_ACK "\t0x8046", &fin);	/* the string settles it */
	fwt_expect_line(F, NH_FIN, &noflags);
	/* ports as a pair after both addresses; the time anywhere */
	fwt_expect_line(F, SRV "\t" CLI "\t80\t47642\t0x0011\t1795740384.246238688", &fin);
	fwt_expect_line(F, "1795740384.246238688," SRV ",80," CLI ",47642,0x0011", &fin);
	static const char *const skipped[] = {
		"1795740534.226587096",				/* ARP */
		"1795740534.226587096\t0x0891",
		"1795740534.226602759\t" CLI "\t" SRV "\t0x0891",	/* UDP */
		"1795740479.595241198\t" SRV "," CLI "\t45184\t" CLI "," SRV "\t82\t" SYN_ONLY,
	};
	static const struct fw_test_bad bad[] = {
		{ SRV "\t80\t" CLI "\t47642\t" FIN_ACK, "tshark -T fields without -E header=y: give the header" },
		{ "Nov 27, 2026 01:46:24.246238688 CET\t" SRV "\t80\t" CLI "\t47642",
		  "tshark -T fields without -E header=y: give the header" },
		{ NH_FIN "\t192.0.2.1\t" FIN_ACK, "tshark -T fields without -E header=y: give the header" },
		{ "1795740384.246238688\t1795740385.0\t" SRV "\t80\t" CLI "\t47642",
		  "tshark -T fields without -E header=y: give the header" },
		{ "1795740384.246238688\t" SRV "\t" CLI "\t" FIN_ACK "\t80\t47642",
		  "ports not next to their addresses: tshark -T fields without -E header=y: give the header" },
		{ NH_FIN "\t0x0011\t0x8046", "two flag-like columns (tcp.flags and ip.id?): tshark -T fields without -E header=y: give the header" },
		{ NH_FIN "\t" FIN_ACK "\t" FIN_ACK, "two flag-like columns (tcp.flags and ip.id?): tshark -T fields without -E header=y: give the header" },
		{ NH_FIN "\t0x8046", "a hex column above 0x1ff is no tcp.flags (ip.id?): tshark -T fields without -E header=y: give the header" },
		{ "1795740384.246238688\t" SRV "\t65536\t" CLI "\t47642\t" FIN_ACK,
		  "ports not next to their addresses: tshark -T fields without -E header=y: give the header" },
	};
	struct tl_fw_state st;
	tl_fw_state_init(&st, &fwt_opts);
	fw_test_skips(F, &st, skipped, N(skipped));
	fw_test_errors(F, &st, bad, N(bad));
}

/* tcp.flags.str: each place has its own letter; AE as 'A' or older 'N'. */
static void test_flag_strings(void **state)
{
	(void)state;
	static const char *const bad_strings[] = {
		DOT DOT DOT DOT DOT DOT DOT "A" DOT DOT DOT,		/* eleven places */
		DOT DOT DOT DOT DOT DOT DOT "A" DOT DOT DOT "F" DOT,	/* thirteen */
		DOT DOT DOT DOT DOT DOT DOT "F" DOT DOT DOT "A",	/* letters swapped */
		"*******A***F",						/* other placeholders */
		DOT DOT DOT DOT DOT DOT DOT "A" DOT DOT DOT "\xc2",	/* cut in a dot */
	};
	struct tl_fw_state st;
	struct tl_segment seg;
	char line[256];
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, "frame.time_epoch\tip.src\ttcp.srcport\tip.dst\ttcp.dstport\ttcp.flags.str", &seg), TL_PARSE_SKIP);
	for (unsigned i = 0; i < N(bad_strings); i++) {
		snprintf(line, sizeof line, NH_FIN "\t%s", bad_strings[i]);
		const struct fw_test_bad bad = { line, "bad tcp.flags or tcp.flags.str" };
		fw_test_errors(F, &st, &bad, 1);
	}
	snprintf(line, sizeof line, NH_FIN "\t%s", "RRRACEUAPRSF");
	assert_int_equal(fw_test_parse(F, &st, line, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.flags, 0xff);
	snprintf(line, sizeof line, NH_FIN "\t%s", DOT DOT DOT "N" DOT DOT DOT DOT DOT DOT DOT DOT);
	assert_int_equal(fw_test_parse(F, &st, line, &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.flags, 0);
	assert_int_equal(seg.has_flags, 1);
}

/* Cuts of a good line are never a segment before its last field starts
 * (a cut port or id is a well-formed shorter value: like every column
 * format, a line cut there cannot be told from a whole one); every byte
 * overwritten is no crash. */
static void test_truncated_and_overwritten(void **state)
{
	(void)state;
	static const char inferred_line[] = NH_FIN "\t" FIN_ACK;
	size_t keep = fwt_keep(inferred_line, CLI "\t4");
	fwt_truncations(F, inferred_line, keep);
	fwt_sweep(F, inferred_line, keep);
	static const char full_hdr[] = "frame.time_epoch\tip.src\tipv6.src\ttcp.srcport\tip.dst\tipv6.dst\ttcp.dstport\ttcp.flags\ttcp.flags.str\ttcp.seq\ttcp.seq_raw\ttcp.ack\ttcp.ack_raw\ttcp.len\tip.id";
	static const char full[] = "1795740384.246238688\t198.51.100.20\t\t80\t203.0.113.1\t\t47642\t0x0011\t" FIN_ACK "\t4242\t785286764\t86\t1795742539\t0\t0x8046";
	struct tl_fw_state st;
	tl_fw_state_init(&st, &fwt_opts);
	struct tl_segment seg;
	assert_int_equal(fw_test_parse(F, &st, full_hdr, &seg), TL_PARSE_SKIP);
	fw_test_sweep(F, &st, full, fwt_keep(full, "\t0\t"));
	static const char csv_hdr[] = "frame.time,ip.src,tcp.srcport,ip.dst,tcp.dstport,tcp.flags,tcp.seq_raw,tcp.ack_raw,tcp.len,ip.proto";
	static const char csv[] = "Nov 27, 2026 01:46:24.246238688 CET,198.51.100.20,80,203.0.113.1,47642,0x0011,785286764,1795742539,0,6";
	tl_fw_state_init(&st, &fwt_opts);
	assert_int_equal(fw_test_parse(F, &st, csv_hdr, &seg), TL_PARSE_SKIP);
	fw_test_sweep(F, &st, csv, fwt_keep(csv, ",0,"));
}

/* Detection: headers and full header-less lines are claimed, nothing of
 * the neighbours; each sample file as a whole is taken for this format. */
static void test_sniff_is_precise(void **state)
{
	(void)state;
	assert_true(fw_test_sniff(F, SHORT_HDR));
	assert_true(fw_test_sniff(F, "frame.time,ip.src,tcp.srcport,ip.dst,tcp.dstport,tcp.flags"));
	assert_true(fw_test_sniff(F, "\xef\xbb\xbf" "frame.time_epoch\tip.src\ttcp.srcport\tip.dst\ttcp.dstport"));
	assert_true(fw_test_sniff(F, NH_FIN "\t" FIN_ACK));
	static const char *const others[] = {
		NH_FIN,	/* no flags: could be another program's table */
		"frame.time_epoch\tip.src\tip.dst",
		"frame.time_epoch",
		"1795740384.246238688\t" SRV "\t80",
		"TIMESTAMP\tIP_IN\tTCP_PORT",
		"1795740534.226587096",
		"a\tb\tc\td\te\tf",
		"#Fields: date time action protocol src-ip dst-ip src-port dst-port",
	};
	fw_test_sniff_precise(F, others, N(others));
	static const char *const files[] = {
		"tshark_fields_header.tsv", "tshark_fields_comma.csv", "tshark_fields_noheader.tsv"
	};
	for (unsigned i = 0; i < N(files); i++) {
		char line[2048];
		unsigned mine = 0, theirs = 0;
		FILE *fp = open_sample(files[i]);
		while (fgets(line, sizeof line, fp)) {
			line[strcspn(line, "\n")] = '\0';
			for (unsigned k = 0; tl_fw_formats[k]; k++)
				if (fw_test_sniff(tl_fw_formats[k], line))
					*(tl_fw_formats[k] == F ? &mine : &theirs) += 1;
		}
		fclose(fp);
		if (mine == 0 || theirs != 0)
			fail_msg("%s: %u lines claimed, %u by other formats", files[i], mine, theirs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_file),
		cmocka_unit_test(test_comma_file),
		cmocka_unit_test(test_noheader_file),
		cmocka_unit_test(test_time_columns),
		cmocka_unit_test(test_time_refused),
		cmocka_unit_test(test_header_variants),
		cmocka_unit_test(test_header_skips_and_errors),
		cmocka_unit_test(test_unusable_header),
		cmocka_unit_test(test_inferred_columns),
		cmocka_unit_test(test_flag_strings),
		cmocka_unit_test(test_truncated_and_overwritten),
		cmocka_unit_test(test_sniff_is_precise),
	};
	return cmocka_run_group_tests(tests, fwt_setup, NULL);
}

/* fw_testlib.c -- see fw_testlib.h. */
#include "config.h"
#include <stdio.h>
#include "fw_testlib.h"

/* The zone is process-wide (tl_time_use_zone): a test sets it first. */
void fw_test_begin(struct tl_fw_state *st, struct tl_time_opts *o, const char *tz,
		   int64_t ref_us, int64_t boot_us)
{
	o->tz = tz;
	o->ref_us = ref_us;
	o->boot_us = boot_us;
	assert_int_equal(tl_time_use_zone(tz), 0);
	tl_fw_state_init(st, o);
}

/* The interface's promises are checked on every parse a test makes. */
enum tl_parse fw_test_parse_n(const struct tl_fw_format *f, struct tl_fw_state *st,
			      const char *line, size_t len, struct tl_segment *seg)
{
	char *copy = exact_copy(line, len);
	st->error = NULL;
	enum tl_parse r = f->parse(st, copy, len, seg);
	free(copy);
	if (r == TL_PARSE_BAD)
		assert_non_null(st->error);
	if (r == TL_PARSE_SEGMENT) {
		assert_true(memchr(seg->src, '\0', sizeof seg->src) != NULL);
		assert_true(memchr(seg->dst, '\0', sizeof seg->dst) != NULL);
		assert_true(memchr(seg->label, '\0', sizeof seg->label) != NULL);
	}
	return r;
}

enum tl_parse fw_test_parse(const struct tl_fw_format *f, struct tl_fw_state *st,
			    const char *line, struct tl_segment *seg)
{
	return fw_test_parse_n(f, st, line, strlen(line), seg);
}

int fw_test_sniff(const struct tl_fw_format *f, const char *line)
{
	size_t len = strlen(line);
	char *copy = exact_copy(line, len);
	int r = f->sniff(copy, len);
	free(copy);
	return r;
}

/* The failing line is named: a list of twenty does not say which. */
void fw_test_skips(const struct tl_fw_format *f, struct tl_fw_state *st,
		   const char *const *lines, size_t n)
{
	struct tl_segment seg;
	for (size_t i = 0; i < n; i++) {
		enum tl_parse r = fw_test_parse(f, st, lines[i], &seg);
		if (r != TL_PARSE_SKIP)
			fail_msg("%s\n -> %d (%s), not skipped", lines[i], r, st->error ? st->error : "");
	}
}

void fw_test_errors(const struct tl_fw_format *f, struct tl_fw_state *st,
		    const struct fw_test_bad *lines, size_t n)
{
	struct tl_segment seg;
	for (size_t i = 0; i < n; i++) {
		enum tl_parse r = fw_test_parse(f, st, lines[i].line, &seg);
		if (r != TL_PARSE_BAD)
			fail_msg("%s\n -> %d, not BAD", lines[i].line, r);
		assert_string_equal(st->error, lines[i].error);
	}
}

void fw_test_unclaimed(const struct tl_fw_format *f, const char *const *lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (fw_test_sniff(f, lines[i]))
			fail_msg("%s claims: %s", f->name, lines[i]);
}

/* One line or more of each format, as its parser's tests know it. */
static const struct {
	const struct tl_fw_format *f;
	const char *line;
} typical[] = {
	{ &tl_fw_klog,
	  "Nov 26 20:30:19 gw kernel: [ 5312.104877] NEW not SYN? IN=eth1 OUT= SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 PROTO=TCP SPT=80 DPT=45314 WINDOW=501 RES=0x00 ACK URGP=0" },
	{ &tl_fw_klog,
	  "Nov 26 20:30:19 192.0.2.1 kernel: NEW not SYN? IN=eth1 OUT= SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 PROTO=TCP SPT=80 DPT=45314 WINDOW=501 RES=0x00 ACK URGP=0" },
	{ &tl_fw_klog,
	  "[  731.911220] NEW not SYN? IN=gfww OUT= SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 PROTO=TCP SPT=80 DPT=52658 WINDOW=64 RES=0x00 ACK URGP=0" },
	{ &tl_fw_klog,
	  "2026-11-26T20:30:19.615902+01:00 gw kernel: INVALID IN=eth1 OUT= SRC=198.51.100.20 DST=203.0.113.1 LEN=52 TOS=0x00 PREC=0x00 TTL=57 ID=23536 DF PROTO=TCP SPT=80 DPT=45332 WINDOW=501 RES=0x00 ACK FIN URGP=0" },
	{ &tl_fw_conntrack,
	  "[1795725021.025799]	    [NEW] tcp      6 120 SYN_SENT src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 [UNREPLIED] src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348 id=4117625027" },
	{ &tl_fw_table,
	  "2009-05-12 14:03:28	198.51.100.20	33724" },
	{ &tl_fw_filterlog,
	  "Nov 26 20:30:19 pfSense filterlog[36273]: 5,,,1000000103,igb0,match,block,in,4,0x0,,52,57430,0,DF,6,tcp,1500,198.51.100.20,203.0.113.1,80,45314,1448,A,982149289:982150737,2576867851,501,,nop;nop;TS" },
	{ &tl_fw_pflog,
	  "00:00:03.824091 rule 0/0(match): block in on em0: 198.51.100.20.80 > 203.0.113.1.45332: Flags [F.], seq 2533098713, ack 2191708191, win 501, length 0" },
	{ &tl_fw_pflog,
	  "2026-11-26 20:30:24.030441 rule 0/0(match): block in on em0: 198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 1, ack 2, win 501, length 0" },
	{ &tl_fw_pflog,
	  "Nov 26 20:30:23.439748 rule 0/(match) block in on em0: 198.51.100.20.80 > 203.0.113.1.45332: F 2533098713:2533098713(0) ack 2191708191 win 501" },
	{ &tl_fw_pfirewall,
	  "2026-11-26 20:30:19 DROP TCP 198.51.100.20 192.0.2.10 80 45314 1500 A 982149289 2576867851 501 - - - RECEIVE" },
	{ &tl_fw_pfirewall,
	  "2026-11-26 20:30:23 DROP TCP 198.51.100.20 192.0.2.10 80 45332 52 AF 1 2 501 - - - RECEIVE" },
	{ &tl_fw_tcpdump,
	  "2026-11-26 20:30:20.937151 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [P.], seq 1:65, ack 95, win 64, length 64" },
	{ &tl_fw_tcpdump,
	  "1795725024.442977 IP 198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 225, ack 95, win 64, length 0" },
	{ &tl_fw_tcpdump,
	  "20:30:19.615902 IP 198.51.100.20.80 > 203.0.113.1.45348: Flags [F.], seq 225, ack 95, win 64, length 0" },
	{ &tl_fw_tshark_fields,
	  "frame.time_epoch\tip.src\tipv6.src\ttcp.srcport\tip.dst\tipv6.dst\ttcp.dstport\ttcp.flags\ttcp.flags.str" },
	{ &tl_fw_tshark_fields,
	  "frame.time,ip.src,tcp.srcport,ip.dst,tcp.dstport,tcp.flags,tcp.seq_raw,tcp.ack_raw,tcp.len" },
	{ &tl_fw_tshark_fields,
	  "1795740384.246238688\t198.51.100.20\t\t80\t203.0.113.1\t\t47642\t0x0011\t\xc2\xb7\xc2\xb7\xc2\xb7\xc2\xb7\xc2\xb7\xc2\xb7\xc2\xb7" "A\xc2\xb7\xc2\xb7\xc2\xb7" "F" },
	{ &tl_fw_tshark,
	  "  129 2026-11-26 20:30:23.654955 198.51.100.20 \xe2\x86\x92 203.0.113.1  TCP 226 [TCP Retransmission] 80 \xe2\x86\x92 45332 [FIN, PSH, ACK] Seq=65 Ack=96 Win=65536 Len=160" },
};

void fw_test_sniff_precise(const struct tl_fw_format *f, const char *const *others, size_t n)
{
	fw_test_unclaimed(f, others, n);
	for (size_t i = 0; i < N(typical); i++) {
		int claimed = fw_test_sniff(f, typical[i].line);
		if (typical[i].f == f && !claimed)
			fail_msg("%s does not claim its own: %s", f->name, typical[i].line);
		if (typical[i].f != f && claimed)
			fail_msg("%s claims a %s line: %s", f->name, typical[i].f->name, typical[i].line);
	}
}

void fw_test_sweep(const struct tl_fw_format *f, struct tl_fw_state *st,
		   const char *line, size_t keep_len)
{
	static const char junk[] = { '\0', (char)0xff, ' ', '=' };
	struct tl_segment seg;
	size_t len = strlen(line);
	char *copy = exact_copy(line, len);
	for (size_t cut = 0; cut < len; cut++) {
		enum tl_parse r = fw_test_parse_n(f, st, line, cut, &seg);
		if (cut < keep_len && r == TL_PARSE_SEGMENT)
			fail_msg("a cut at %zu of %zu bytes gave a segment: %.*s", cut, len,
				 (int)cut, line);
	}
	for (size_t i = 0; i < len; i++)
		for (size_t j = 0; j < sizeof junk; j++) {
			memcpy(copy, line, len);
			copy[i] = junk[j];
			(void)f->sniff(copy, len);
			(void)fw_test_parse_n(f, st, copy, len, &seg);
		}
	free(copy);
}

const struct tl_time_opts fwt_opts = { "Europe/Berlin", 1795694400LL * 1000000, 0 };

/* The zone is process-wide (tl_time_use_zone): set once per test group. */
int fwt_setup(void **state)
{
	(void)state;
	return tl_time_use_zone(fwt_opts.tz);
}

/* One optional number: absent must mean has_x == 0. */
static void check_number(const char *what, uint8_t has, uint32_t got, int64_t want)
{
	if (want == FWT_NONE) {
		if (has)
			fail_msg("%s: present (%u), expected absent", what, got);
		return;
	}
	if (!has)
		fail_msg("%s: absent, expected %lld", what, (long long)want);
	assert_int_equal(got, (uint32_t)want);
}

void fwt_check(const struct tl_segment *seg, const struct fwt_expect *e)
{
	assert_int_equal(seg->kind, TL_KIND_SEGMENT);
	assert_int_equal(seg->t_us, e->t_us);
	assert_int_equal(seg->t_res_us, e->res_us);
	assert_string_equal(seg->src, e->src);
	assert_string_equal(seg->dst, e->dst);
	assert_int_equal(seg->sport, e->sport);
	assert_int_equal(seg->dport, e->dport);
	check_number("flags", seg->has_flags, seg->flags, e->flags);
	check_number("seq", seg->has_seq, seg->seq, e->seq);
	check_number("ack", seg->has_ack, seg->ack, e->ack);
	check_number("len", seg->has_len, seg->len, e->len);
	check_number("ipid", seg->has_ipid, seg->ipid, e->ipid);
	assert_int_equal(seg->seq_relative, e->seq_relative);
	assert_int_equal(seg->verdict, e->verdict);
	assert_string_equal(seg->label, e->label);
}

void fwt_expect_line(const struct tl_fw_format *f, const char *line, const struct fwt_expect *e)
{
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	enum tl_parse r = fw_test_parse(f, &st, line, &seg);
	if (r != TL_PARSE_SEGMENT)
		fail_msg("not a segment (%d, %s): %s", r, st.error ? st.error : "-", line);
	fwt_check(&seg, e);
}

void fwt_expect_result(const struct tl_fw_format *f, enum tl_parse want, const char *line)
{
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &fwt_opts);
	enum tl_parse r = fw_test_parse(f, &st, line, &seg);
	if (r != want)
		fail_msg("%d, not %d (%s): %s", r, want, st.error ? st.error : "-", line);
}

unsigned fwt_truncations(const struct tl_fw_format *f, const char *line, size_t keep)
{
	unsigned bad = 0;
	for (size_t n = 0; n < keep; n++) {
		struct tl_fw_state st;
		struct tl_segment seg;
		tl_fw_state_init(&st, &fwt_opts);
		enum tl_parse r = fw_test_parse_n(f, &st, line, n, &seg);
		if (r == TL_PARSE_SEGMENT)
			fail_msg("a segment from the first %zu bytes of: %s", n, line);
		bad += r == TL_PARSE_BAD;
	}
	return bad;
}

size_t fwt_keep(const char *line, const char *marker)
{
	const char *hit = strstr(line, marker);
	assert_non_null(hit);
	return (size_t)(hit - line) + strlen(marker);
}

void fwt_sweep(const struct tl_fw_format *f, const char *line, size_t keep)
{
	struct tl_fw_state st;
	tl_fw_state_init(&st, &fwt_opts);
	fw_test_sweep(f, &st, line, keep);
}

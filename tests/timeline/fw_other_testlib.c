/* fw_other_testlib.c -- see fw_other_testlib.h. */
#include "config.h"
#include <stdio.h>
#include "fw_other_testlib.h"

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

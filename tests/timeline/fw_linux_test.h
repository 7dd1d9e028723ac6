/* fw_linux_test.h -- what the Linux firewall-log tests share: running a
 * parser on an exact-size heap copy of a line (so that ASan and valgrind
 * catch any read past its length: lines are not NUL-terminated), setting
 * the zone, and sweeping a line's truncations and byte corruptions. */
#ifndef FW_LINUX_TEST_H
#define FW_LINUX_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "tl_fw.h"

#define US 1000000LL

/* The zone and reference times of one test; the state starts fresh. */
static inline void fw_test_begin(struct tl_fw_state *st, struct tl_time_opts *o,
				 const char *tz, int64_t ref_us, int64_t boot_us)
{
	o->tz = tz;
	o->ref_us = ref_us;
	o->boot_us = boot_us;
	assert_int_equal(tl_time_use_zone(tz), 0);
	tl_fw_state_init(st, o);
}

/* parse() on a copy of exactly len bytes; BAD always comes with a text. */
static inline enum tl_parse fw_test_parse_n(const struct tl_fw_format *f, struct tl_fw_state *st,
					    const char *line, size_t len, struct tl_segment *seg)
{
	char *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	memcpy(copy, line, len);
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

static inline enum tl_parse fw_test_parse(const struct tl_fw_format *f, struct tl_fw_state *st,
					  const char *line, struct tl_segment *seg)
{
	return fw_test_parse_n(f, st, line, strlen(line), seg);
}

/* sniff() on an exact-size copy. */
static inline int fw_test_sniff(const struct tl_fw_format *f, const char *line)
{
	size_t len = strlen(line);
	char *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	memcpy(copy, line, len);
	int r = f->sniff(copy, len);
	free(copy);
	return r;
}

/* Every cut of a good line (no cut may yield a segment before keep_len
 * bytes: the fields a segment needs end there), and the line with each
 * byte in turn replaced by NUL, 0xff, space and '=': nothing may crash,
 * read past the end or yield a broken segment. */
static inline void fw_test_sweep(const struct tl_fw_format *f, struct tl_fw_state *st,
				 const char *line, size_t keep_len)
{
	static const char junk[] = { '\0', (char)0xff, ' ', '=' };
	struct tl_segment seg;
	size_t len = strlen(line);
	char *copy = malloc(len);
	assert_non_null(copy);
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

#endif

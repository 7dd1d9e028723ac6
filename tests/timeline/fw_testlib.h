/* fw_testlib.h -- the one test library of the firewall-log parsers (Linux
 * and the others): running a parser on an exact-size copy of a line, the
 * zone a test reads stamps in, a check of every field of a segment, lists
 * of lines that must be skipped, refused with a given reason or left
 * unclaimed by sniff, and sweeps of a line's truncations and corrupted
 * bytes. */
#ifndef FW_TESTLIB_H
#define FW_TESTLIB_H

#include "exact_copy.h"
#include "tl_fw.h"

#define US 1000000LL
#define N(a) (sizeof (a) / sizeof (a)[0])
#define FWT_NONE (-1)		/* a field the line does not have */

/* The zone and reference times of one test; the state starts fresh. */
void fw_test_begin(struct tl_fw_state *st, struct tl_time_opts *o, const char *tz,
		   int64_t ref_us, int64_t boot_us);

/* parse() on a copy of exactly len bytes; BAD always comes with a text,
 * a segment always with terminated texts. */
enum tl_parse fw_test_parse_n(const struct tl_fw_format *f, struct tl_fw_state *st,
			      const char *line, size_t len, struct tl_segment *seg);
enum tl_parse fw_test_parse(const struct tl_fw_format *f, struct tl_fw_state *st,
			    const char *line, struct tl_segment *seg);
/* sniff() on an exact-size copy. */
int fw_test_sniff(const struct tl_fw_format *f, const char *line);

/* Every line is skipped, in the state st. */
void fw_test_skips(const struct tl_fw_format *f, struct tl_fw_state *st,
		   const char *const *lines, size_t n);
/* A line that must be refused, and the reason it must be refused with. */
struct fw_test_bad {
	const char *line, *error;
};
void fw_test_errors(const struct tl_fw_format *f, struct tl_fw_state *st,
		    const struct fw_test_bad *lines, size_t n);
/* No line is claimed by f's sniff (the neighbours' formats). */
void fw_test_unclaimed(const struct tl_fw_format *f, const char *const *lines, size_t n);

/* f's sniff claims every typical line of its own format (a list in
 * fw_testlib.c, a few of each format), none of the other formats' and
 * none of the n lines others (may be NULL): detection takes the first
 * format that claims a file's first lines. */
void fw_test_sniff_precise(const struct tl_fw_format *f, const char *const *others, size_t n);

/* Every cut of a good line (no cut may yield a segment before keep_len
 * bytes: the fields a segment needs end there), and the line with each
 * byte in turn replaced by NUL, 0xff, space and '=': nothing may crash,
 * read past the end or yield a broken segment. */
void fw_test_sweep(const struct tl_fw_format *f, struct tl_fw_state *st,
		   const char *line, size_t keep_len);

/* Every field a parser fills; numbers FWT_NONE when absent. */
struct fwt_expect {
	int64_t t_us;
	unsigned res_us;
	const char *src, *dst;
	uint16_t sport, dport;
	int flags;		/* TL_FIN|..., or FWT_NONE */
	int64_t seq, ack, len, ipid;
	int seq_relative;
	enum tl_verdict verdict;
	const char *label;
};

/* The zone and reference time the fwt_ functions read zone-less stamps
 * with: Europe/Berlin (CET in November, CEST in July), 2026-11-26 12:00 UTC. */
extern const struct tl_time_opts fwt_opts;
int fwt_setup(void **state);

/* Asserts a parse gave a segment with exactly these fields. */
void fwt_check(const struct tl_segment *seg, const struct fwt_expect *e);
/* Parses line in a fresh state, asserts SEGMENT and the fields. */
void fwt_expect_line(const struct tl_fw_format *f, const char *line, const struct fwt_expect *e);
/* Parses line in a fresh state and asserts the result (BAD, SKIP). */
void fwt_expect_result(const struct tl_fw_format *f, enum tl_parse want, const char *line);

/* Every prefix of line shorter than keep bytes, each in a fresh state, must
 * be refused or skipped, never a segment; returns how many were BAD. */
unsigned fwt_truncations(const struct tl_fw_format *f, const char *line, size_t keep);
/* The offset just past the first marker in line (which must be there). */
size_t fwt_keep(const char *line, const char *marker);
/* fw_test_sweep in a fresh state: every cut, and every byte overwritten. */
void fwt_sweep(const struct tl_fw_format *f, const char *line, size_t keep);

#endif

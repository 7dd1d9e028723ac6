/* fw_other_testlib.h -- what the tests of the non-Linux firewall parsers
 * add to fw_linux_test.h (exact-size copies, the truncation and byte
 * sweep): the zone they read stamps in, a check of every field of a
 * segment, and a count of how many cuts of a line are refused. */
#ifndef FW_OTHER_TESTLIB_H
#define FW_OTHER_TESTLIB_H

#include "fw_linux_test.h"

#define FWT_NONE (-1)		/* a field the line does not have */

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

/* The zone and reference time every test reads zone-less stamps with:
 * Europe/Berlin (CET in November, CEST in July), 2026-11-26 12:00 UTC. */
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

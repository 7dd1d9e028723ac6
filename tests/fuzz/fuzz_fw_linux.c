/*
 * libFuzzer harness of the Linux firewall-log parsers (timeline/
 * tl_fw_klog.c, tl_fw_conntrack.c, tl_fw_table.c and tl_scan.c).
 *
 * Input: one mode byte, then lines.  Mode % 3 picks the parser; bit 2
 * gives a boot time (raw dmesg stamps), bit 3 a reference time (year
 * guess, time-of-day tables).  The lines share one per-file state, as in
 * the tool.  Each line is parsed from an exact-size heap copy, so ASan
 * sees any read past its length.  The harness aborts when a result breaks
 * the interface: a segment with an unterminated or unnormalised address,
 * an unterminated label, an odd resolution; BAD without an error text;
 * or when the 8-byte word-end scan disagrees with a plain byte loop.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_fw.h"
#include "tl_fw.h"
#include "tl_scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct tl_fw_format *const formats[] = { &tl_fw_klog, &tl_fw_conntrack, &tl_fw_table };

/* What the format promises beyond fuzz_fw_parse's common checks. */
static void check_segment(const struct tl_fw_format *f, const struct tl_segment *s)
{
	if (f == &tl_fw_conntrack) {
		fuzz_fw_check_addr(s->reply_dst, 0);
		if (s->kind != TL_KIND_CT_EVENT || s->ct_timeout_s < -1 || s->has_flags)
			abort();
	} else if (s->kind != TL_KIND_SEGMENT) {
		abort();
	}
	if (f == &tl_fw_klog && !s->has_flags)
		abort();
}

/* One line: the word-end scan against a plain loop, every sniff, the parse. */
static void one_line(const char *line, size_t len, void *ctx)
{
	struct fuzz_fw_run *run = ctx;
	struct tl_segment seg;
	const char *want = line;
	while (want < line + len && *want != ' ' && *want != '\t')
		want++;
	if (tl_scan_word_end(line, line + len) != want)
		abort();
	fuzz_fw_sniffs(formats, 3, line, len);
	if (fuzz_fw_parse(run->f, &run->st, line, len, &seg, run->f == &tl_fw_table) == TL_PARSE_SEGMENT)
		check_segment(run->f, &seg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct fuzz_fw_run run;
	struct tl_time_opts opts = { "Europe/Berlin", (data[0] & 8) ? 1795000000000000LL : 0,
				     (data[0] & 4) ? 1795720000000000LL : 0 };
	/* tl_fw_state_init lives with the format list (tl_fw.c), which needs
	 * every parser; these fields are all it sets that matter here. */
	memset(&run, 0, sizeof run);
	run.f = formats[data[0] % 3];
	run.st.time = &opts;
	fuzz_each_line((const char *)data + 1, (const char *)data + size, one_line, &run);
	return 0;
}

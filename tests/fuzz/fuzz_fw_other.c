/*
 * libFuzzer harness of the non-Linux firewall-log parsers (timeline/
 * tl_fw_filterlog.c, tl_fw_pflog.c, tl_fw_pfirewall.c, tl_fw_tcpdump.c,
 * tl_fw_tshark.c, tl_fw_tshark_fields.c and their shared tl_tcpdump_syntax.c,
 * tl_tshark_values.c).
 *
 * Input: one mode byte, then lines. Mode % 6 picks the parser (filterlog,
 * pflog, pfirewall, tcpdump, tshark, tshark-fields: the digits '0'..'5'
 * name them; -DFUZZ_FW_FORMAT=i fixes it); bit 3 gives a reference time (year
 * guess, time-of-day stamps; else "now"). The lines share one per-file
 * state, as in the tool (#Fields headers, -ttt anchors, midnight
 * crossings). Each line is parsed from an exact-size heap copy, so ASan
 * sees any read past its length, and every format's sniff runs on it. The
 * harness aborts when a result breaks the interface: a segment with an
 * unterminated or unnormalised address, an unterminated label or one with
 * control bytes, an odd resolution or kind; BAD without an error text.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_fw.h"
#include "tl_fw.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct tl_fw_format *const formats[] = {
	&tl_fw_filterlog, &tl_fw_pflog, &tl_fw_pfirewall, &tl_fw_tcpdump, &tl_fw_tshark,
	&tl_fw_tshark_fields
};
#define NFORMATS (sizeof formats / sizeof formats[0])

/* What these formats promise beyond fuzz_fw_parse's common checks: a
 * label without control bytes, a segment (no event), a known verdict. */
static void check_segment(const struct tl_segment *s)
{
	const char *end = memchr(s->label, '\0', TL_LABEL_MAX);
	for (const char *p = s->label; p < end; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			abort();
	if (s->kind != TL_KIND_SEGMENT || s->verdict > TL_VERDICT_PASSED)
		abort();
	if (s->seq_relative && !s->has_seq && !s->has_ack)
		abort();
}

/* One line: every format's sniff, then the parser's parse. */
static void one_line(const char *line, size_t len, void *ctx)
{
	struct fuzz_fw_run *run = ctx;
	struct tl_segment seg;
	fuzz_fw_sniffs(formats, NFORMATS, line, len);
	if (fuzz_fw_parse(run->f, &run->st, line, len, &seg, 0) == TL_PARSE_SEGMENT)
		check_segment(&seg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct fuzz_fw_run run;
#ifdef FUZZ_FW_FORMAT	/* -DFUZZ_FW_FORMAT=i: only formats[i], to fuzz one parser */
	run.f = formats[FUZZ_FW_FORMAT];
#else
	run.f = formats[data[0] % NFORMATS];
#endif
	struct tl_time_opts opts = { "Europe/Berlin", (data[0] & 8) ? 1795694400000000LL : 0, 0 };
	tl_fw_state_init(&run.st, &opts);
	fuzz_each_line((const char *)data + 1, (const char *)data + size, one_line, &run);
	return 0;
}

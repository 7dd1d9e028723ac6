/*
 * libFuzzer harness of the non-Linux firewall-log parsers (timeline/
 * tl_fw_filterlog.c, tl_fw_pflog.c, tl_fw_pfirewall.c, tl_fw_tcpdump.c,
 * tl_fw_tshark.c and their shared tl_tcpdump_syntax.c).
 *
 * Input: one mode byte, then lines. Mode % 5 picks the parser (filterlog,
 * pflog, pfirewall, tcpdump, tshark; -DFUZZ_FW_FORMAT=i fixes it); bit 3 gives a reference time (year
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

#include "tl_fw.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerInitialize(int *, char ***);

static const struct tl_fw_format *const formats[] = {
	&tl_fw_filterlog, &tl_fw_pflog, &tl_fw_pfirewall, &tl_fw_tcpdump, &tl_fw_tshark
};
#define NFORMATS (sizeof formats / sizeof formats[0])

/* Zone-less stamps need a zone; set once, like the tool does. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (tl_time_use_zone("Europe/Berlin") != 0)
		abort();
	return 0;
}

/* Terminated inside its array, and in the one spelling tl_addr_normalise
 * gives. */
static void check_addr(const char *a)
{
	char copy[TL_ADDR_MAX];
	if (!memchr(a, '\0', TL_ADDR_MAX) || a[0] == '\0')
		abort();
	memcpy(copy, a, strlen(a) + 1);
	if (tl_addr_normalise(copy) != 0 || strcmp(copy, a) != 0)
		abort();
}

/* What every segment promises its consumers. */
static void check_segment(const struct tl_segment *s)
{
	check_addr(s->src);
	check_addr(s->dst);
	const char *end = memchr(s->label, '\0', TL_LABEL_MAX);
	if (!end)
		abort();
	for (const char *p = s->label; p < end; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			abort();
	unsigned r = s->t_res_us;
	if (r != 1 && r != 10 && r != 100 && r != 1000 && r != 10000 && r != 100000 && r != 1000000)
		abort();
	if (s->kind != TL_KIND_SEGMENT || s->verdict > TL_VERDICT_PASSED)
		abort();
	if (s->seq_relative && !s->has_seq && !s->has_ack)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
#ifdef FUZZ_FW_FORMAT	/* -DFUZZ_FW_FORMAT=i: only formats[i], to fuzz one parser */
	const struct tl_fw_format *f = formats[FUZZ_FW_FORMAT];
#else
	const struct tl_fw_format *f = formats[data[0] % NFORMATS];
#endif
	struct tl_time_opts opts = { "Europe/Berlin", (data[0] & 8) ? 1795694400000000LL : 0, 0 };
	struct tl_fw_state st;
	tl_fw_state_init(&st, &opts);
	const char *p = (const char *)data + 1, *end = (const char *)data + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		char *line = malloc(len ? len : 1);
		if (!line)
			abort();
		memcpy(line, p, len);
		for (unsigned i = 0; i < NFORMATS; i++) {
			int s = formats[i]->sniff(line, len);
			if (s != 0 && s != 1)
				abort();
		}
		struct tl_segment seg;
		st.error = NULL;
		enum tl_parse r = f->parse(&st, line, len, &seg);
		if (r == TL_PARSE_SEGMENT)
			check_segment(&seg);
		else if (r == TL_PARSE_BAD && !st.error)
			abort();
		else if (r != TL_PARSE_SKIP && r != TL_PARSE_BAD)
			abort();
		free(line);
		p = nl ? nl + 1 : end;
	}
	return 0;
}

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

#include "tl_fw.h"
#include "tl_scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerInitialize(int *, char ***);

static const struct tl_fw_format *const formats[] = { &tl_fw_klog, &tl_fw_conntrack, &tl_fw_table };

/* Zone-less stamps need a zone; set once, like the tool does. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (tl_time_use_zone("Europe/Berlin") != 0)
		abort();
	return 0;
}

/* An address field: terminated inside its array, and in the one
 * spelling tl_addr_normalise gives (empty allowed where may_be_empty). */
static void check_addr(const char *a, int may_be_empty)
{
	char copy[TL_ADDR_MAX];
	if (!memchr(a, '\0', TL_ADDR_MAX))
		abort();
	if (a[0] == '\0') {
		if (!may_be_empty)
			abort();
		return;
	}
	memcpy(copy, a, strlen(a) + 1);
	if (tl_addr_normalise(copy) != 0 || strcmp(copy, a) != 0)
		abort();
}

/* What every segment promises its consumers. */
static void check_segment(const struct tl_fw_format *f, const struct tl_segment *s)
{
	check_addr(s->src, 0);
	check_addr(s->dst, f == &tl_fw_table);
	if (!memchr(s->label, '\0', TL_LABEL_MAX))
		abort();
	unsigned r = s->t_res_us;
	if (r != 1 && r != 10 && r != 100 && r != 1000 && r != 10000 && r != 100000 && r != 1000000)
		abort();
	if (f == &tl_fw_conntrack) {
		check_addr(s->reply_dst, 0);
		if (s->kind != TL_KIND_CT_EVENT || s->ct_timeout_s < -1 || s->has_flags)
			abort();
	} else if (s->kind != TL_KIND_SEGMENT) {
		abort();
	}
	if (f == &tl_fw_klog && !s->has_flags)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const struct tl_fw_format *f = formats[data[0] % 3];
	struct tl_time_opts opts = { "Europe/Berlin", (data[0] & 8) ? 1795000000000000LL : 0,
				     (data[0] & 4) ? 1795720000000000LL : 0 };
	struct tl_fw_state st;
	/* tl_fw_state_init lives with the format list (tl_fw.c), which needs
	 * every parser; these fields are all it sets that matter here. */
	memset(&st, 0, sizeof st);
	st.time = &opts;
	const char *p = (const char *)data + 1, *end = (const char *)data + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		char *line = malloc(len ? len : 1);
		if (!line)
			abort();
		memcpy(line, p, len);
		const char *want = line;
		while (want < line + len && *want != ' ' && *want != '\t')
			want++;
		if (tl_scan_word_end(line, line + len) != want)
			abort();
		for (unsigned i = 0; i < 3; i++) {
			int s = formats[i]->sniff(line, len);
			if (s != 0 && s != 1)
				abort();
		}
		struct tl_segment seg;
		st.error = NULL;
		enum tl_parse r = f->parse(&st, line, len, &seg);
		if (r == TL_PARSE_SEGMENT)
			check_segment(f, &seg);
		else if (r == TL_PARSE_BAD && !st.error)
			abort();
		else if (r != TL_PARSE_SKIP && r != TL_PARSE_BAD)
			abort();
		free(line);
		p = nl ? nl + 1 : end;
	}
	return 0;
}

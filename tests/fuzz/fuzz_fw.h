/* fuzz_fw.h -- what the firewall-log harnesses (fuzz_fw_linux.c,
 * fuzz_fw_other.c) check of every line, whatever the format: each sniff
 * answers 0 or 1, a parse answers SEGMENT, SKIP or BAD (BAD with a reason),
 * and a segment's address texts are terminated and spelled the one way
 * tl_addr_normalise spells them, its label terminated, its resolution a
 * power of ten. Anything else aborts (a finding). */
#ifndef FUZZ_FW_H
#define FUZZ_FW_H

#include "fuzz_lines.h"
#include "tl_fw.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Zone-less stamps need a zone (the one with DST the tests use); set once,
 * like the tool does. Defined here: each harness includes this once. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (tl_time_use_zone("Europe/Berlin") != 0)
		abort();
	return 0;
}

/* One input: the parser it is for and the per-file state its lines share. */
struct fuzz_fw_run {
	const struct tl_fw_format *f;
	struct tl_fw_state st;
};

/* An address field (empty allowed where may_be_empty). */
static inline void fuzz_fw_check_addr(const char *a, int may_be_empty)
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

/* Every sniff on the line: 0 or 1. */
static inline void fuzz_fw_sniffs(const struct tl_fw_format *const *formats, unsigned n,
				  const char *line, size_t len)
{
	for (unsigned i = 0; i < n; i++) {
		int s = formats[i]->sniff(line, len);
		if (s != 0 && s != 1)
			abort();
	}
}

/* One parse; returns the result, with seg's common promises checked
 * (src always an address, dst as dst_may_be_empty says). */
static inline enum tl_parse fuzz_fw_parse(const struct tl_fw_format *f, struct tl_fw_state *st,
					  const char *line, size_t len, struct tl_segment *seg,
					  int dst_may_be_empty)
{
	st->error = NULL;
	enum tl_parse r = f->parse(st, line, len, seg);
	if (r == TL_PARSE_SEGMENT) {
		fuzz_fw_check_addr(seg->src, 0);
		fuzz_fw_check_addr(seg->dst, dst_may_be_empty);
		if (!memchr(seg->label, '\0', TL_LABEL_MAX) || !fuzz_power_of_ten(seg->t_res_us))
			abort();
	} else if (r == TL_PARSE_BAD && !st->error) {
		abort();
	} else if (r != TL_PARSE_SKIP && r != TL_PARSE_BAD) {
		abort();
	}
	return r;
}

#endif

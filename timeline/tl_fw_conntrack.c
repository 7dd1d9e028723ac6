/* tl_fw_conntrack.c -- PLACEHOLDER: being written; detects nothing yet. */
#include "config.h"
#include "tl_fw.h"

static int sniff(const char *line, size_t len) { (void)line; (void)len; return 0; }
static enum tl_parse parse(struct tl_fw_state *st, const char *line, size_t len,
			   struct tl_segment *seg)
{
	(void)line; (void)len; (void)seg;
	st->error = "format not implemented yet";
	return TL_PARSE_BAD;
}
const struct tl_fw_format tl_fw_conntrack = { "conntrack", "(not implemented yet)", sniff, parse };

/* tl_evlog_journal_json.c -- PLACEHOLDER: being written; detects nothing yet. */
#include "config.h"
#include "tl_evlog.h"

static int sniff(const char *line, size_t len) { (void)line; (void)len; return 0; }
static enum tl_parse parse(struct tl_evlog_state *st, const char *line, size_t len,
			   struct tl_logline *out)
{
	(void)line; (void)len; (void)out;
	st->error = "format not implemented yet";
	return TL_PARSE_BAD;
}
const struct tl_evlog_format tl_evlog_journal_json = { "journal_json", "(not implemented yet)", sniff, parse };

/* tl_evlog_stdoutdae.c -- the client's own log file, stdoutdae.txt (and
 * .old), as client/client_msgs.cpp show_message() prints it:
 * "%s [%s] %s\n" with time_to_string()'s "26-Nov-2026 20:30:19" (5.x:
 * "2005-06-15 13:05:05"), local time without a zone. Lines of a multi-line
 * message after the first have no stamp: they are skipped. */
#include "config.h"
#include "tl_evlog_client.h"

/* Typical: a stamp followed by a project tag (most lines have "[---]"). */
static int sniff(const char *line, size_t len)
{
	return tl_evlog_client_line_sniff(line, len);
}

/* The file is nothing but client lines. */
static enum tl_parse parse(struct tl_evlog_state *st, const char *line, size_t len,
			   struct tl_logline *out)
{
	return tl_evlog_client_line(st, line, len, out);
}

const struct tl_evlog_format tl_evlog_stdoutdae = {
	"stdoutdae", "the client's stdoutdae.txt: \"26-Nov-2026 20:30:19 [project] message\"",
	sniff, parse
};

/* tl_lines.h -- read a log file line by line, fast: plain, gzip'd (by its
 * magic, not its name) or standard input ("-"), with line numbers for
 * messages. Lines are handed out without their newline (and without a
 * trailing CR); a line longer than the buffer is reported as too long and
 * skipped, never split into two. */
#ifndef TL_LINES_H
#define TL_LINES_H

#include <stddef.h>
#include <stdint.h>

struct tl_lines;

/* Open path ("-" = stdin). NULL with errno set on failure. */
struct tl_lines *tl_lines_open(const char *path);
/* Next line: 1 with *line and *len set (valid until the next call), 0 at the
 * end, -1 on a read error (errno). Over-long lines are skipped and counted. */
int tl_lines_next(struct tl_lines *r, const char **line, size_t *len);
uint64_t tl_lines_lineno(const struct tl_lines *r);	/* of the last line */
uint64_t tl_lines_too_long(const struct tl_lines *r);
const char *tl_lines_path(const struct tl_lines *r);
/* Back to the first line (not for stdin); 0 or -1. */
int tl_lines_rewind(struct tl_lines *r);
void tl_lines_close(struct tl_lines *r);

/* Where a message about bad input goes: "path:line: what", the first few
 * per file to stderr, all of them counted. */
struct tl_badlines {
	uint64_t count;
	unsigned printed;
};
void tl_bad_line(struct tl_badlines *b, const struct tl_lines *r, const char *what,
		 const char *line, size_t len);

#endif

/* tl_lines.c -- the one way every input file is read: big reads into one
 * buffer, memchr for line ends, gzip through zlib when the file starts with
 * gzip's magic. Memory is the buffer, whatever the file's size. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "tl_lines.h"

#define TL_LINES_BUF (1u << 20)		/* also the longest line accepted */

struct tl_lines {
	int fd;
	gzFile gz;			/* non-NULL for gzip'd input */
	char *path;
	char *buf;
	size_t start, end;		/* unread bytes: buf[start..end) */
	int eof, skipping;		/* skipping: inside an over-long line */
	uint64_t lineno, too_long;
};

/* Fill the buffer after moving the unread tail to its start. */
static int refill(struct tl_lines *r)
{
	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	while (r->end < TL_LINES_BUF) {
		ssize_t got;
		if (r->gz) {
			got = gzread(r->gz, r->buf + r->end, (unsigned)(TL_LINES_BUF - r->end));
			if (got < 0) {
				errno = EIO;
				return -1;
			}
		} else {
			got = read(r->fd, r->buf + r->end, TL_LINES_BUF - r->end);
			if (got < 0 && errno == EINTR)
				continue;
			if (got < 0)
				return -1;
		}
		if (got == 0) {
			r->eof = 1;
			break;
		}
		r->end += (size_t)got;
		if (memchr(r->buf + r->end - (size_t)got, '\n', (size_t)got))
			break;
	}
	return 0;
}

/* Open a plain or gzip'd file (decided by the magic bytes), or stdin. */
struct tl_lines *tl_lines_open(const char *path)
{
	struct tl_lines *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->buf = malloc(TL_LINES_BUF);
	r->path = strdup(path);
	r->fd = strcmp(path, "-") == 0 ? dup(0) : open(path, O_RDONLY | O_CLOEXEC);
	if (!r->buf || !r->path || r->fd < 0)
		goto fail;
	unsigned char magic[2];
	if (pread(r->fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		r->gz = gzdopen(r->fd, "rb");
		if (!r->gz)
			goto fail;
		gzbuffer(r->gz, 256 * 1024);
	}
	return r;
fail:;
	int saved = errno;
	if (r->fd >= 0)
		close(r->fd);
	free(r->buf);
	free(r->path);
	free(r);
	errno = saved;
	return NULL;
}

int tl_lines_next(struct tl_lines *r, const char **line, size_t *len)
{
	for (;;) {
		char *nl = r->end > r->start ? memchr(r->buf + r->start, '\n', r->end - r->start) : NULL;
		if (!nl) {
			if (r->eof) {
				if (r->end == r->start)
					return 0;
				nl = r->buf + r->end;	/* a last line without newline */
			} else if (r->end - r->start == TL_LINES_BUF) {
				/* No newline in a whole buffer: drop it, skip to the next line. */
				if (!r->skipping) {
					r->too_long++;
					r->lineno++;
				}
				r->skipping = 1;
				r->start = r->end = 0;
				if (refill(r) < 0)
					return -1;
				continue;
			} else {
				if (refill(r) < 0)
					return -1;
				continue;
			}
		}
		char *begin = r->buf + r->start;
		size_t n = (size_t)(nl - begin);
		r->start = (size_t)(nl - r->buf) + (nl < r->buf + r->end ? 1 : 0);
		if (r->skipping) {
			r->skipping = 0;	/* the rest of an over-long line */
			continue;
		}
		r->lineno++;
		if (n > 0 && begin[n - 1] == '\r')
			n--;
		*line = begin;
		*len = n;
		return 1;
	}
}

uint64_t tl_lines_lineno(const struct tl_lines *r) { return r->lineno; }
uint64_t tl_lines_too_long(const struct tl_lines *r) { return r->too_long; }
const char *tl_lines_path(const struct tl_lines *r) { return r->path; }

/* Start again from the top: a second pass over a file (clock offset). */
int tl_lines_rewind(struct tl_lines *r)
{
	if (r->gz) {
		if (gzrewind(r->gz) != 0)
			return -1;
	} else if (lseek(r->fd, 0, SEEK_SET) < 0) {
		return -1;
	}
	r->start = r->end = 0;
	r->eof = r->skipping = 0;
	r->lineno = r->too_long = 0;
	return 0;
}

void tl_lines_close(struct tl_lines *r)
{
	if (!r)
		return;
	if (r->gz)
		gzclose(r->gz);	/* closes fd too */
	else
		close(r->fd);
	free(r->buf);
	free(r->path);
	free(r);
}

/* Bad input is said, with where it is, the first few times per file; every
 * time it is counted (the summary gives the count). Control bytes in the
 * quoted line are shown as '?', so a hostile line can't drive the terminal. */
void tl_bad_line(struct tl_badlines *b, const struct tl_lines *r, const char *what,
		 const char *line, size_t len)
{
	enum { SHOW_PER_FILE = 5, SHOW_BYTES = 120 };
	b->count++;
	if (b->printed >= SHOW_PER_FILE)
		return;
	b->printed++;
	char shown[SHOW_BYTES + 1];
	size_t n = len < SHOW_BYTES ? len : SHOW_BYTES;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)line[i];
		shown[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	shown[n] = '\0';
	fprintf(stderr, "netlife: %s:%llu: %s: %s%s\n", r->path,
		(unsigned long long)r->lineno, what, shown, len > n ? "..." : "");
	if (b->printed == SHOW_PER_FILE)
		fprintf(stderr, "netlife: %s: more bad lines are counted, not shown\n", r->path);
}

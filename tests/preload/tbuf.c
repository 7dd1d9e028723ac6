/* Growable byte buffer for the ground-truth server (see tbuf.h). */
#include <config.h>

#include "tbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for n more bytes, compacting first: a test helper may abort on ENOMEM. */
static void tbuf_reserve(struct tbuf *b, size_t n)
{
	if (b->off > 0 && b->off == b->len)
		b->off = b->len = 0;
	if (b->len + n <= b->cap)
		return;
	if (b->off > 0) {
		memmove(b->data, b->data + b->off, b->len - b->off);
		b->len -= b->off;
		b->off = 0;
		if (b->len + n <= b->cap)
			return;
	}
	size_t cap = b->cap ? b->cap : 4096;
	while (cap < b->len + n)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		perror("tbuf: realloc");
		abort();
	}
	b->data = p;
	b->cap = cap;
}

/* Appends n bytes from p. */
void tbuf_append(struct tbuf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	tbuf_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

/* Appends n copies of byte: bodies and unsolicited data need no real content. */
void tbuf_fill(struct tbuf *b, char byte, size_t n)
{
	if (n == 0)
		return;
	tbuf_reserve(b, n);
	memset(b->data + b->len, byte, n);
	b->len += n;
}

/* Appends formatted text (status lines and headers). */
void tbuf_appendf(struct tbuf *b, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof line) {
		fprintf(stderr, "tbuf: formatted text too long\n");
		abort();
	}
	tbuf_append(b, line, (size_t)n);
}

/* Drops n bytes from the front, once they are parsed or written. */
void tbuf_consume(struct tbuf *b, size_t n)
{
	b->off += n;
	if (b->off >= b->len)
		b->off = b->len = 0;
}

/* Bytes waiting in the buffer. */
size_t tbuf_size(const struct tbuf *b)
{
	return b->len - b->off;
}

/* The first waiting byte. */
const char *tbuf_head(const struct tbuf *b)
{
	return b->data ? b->data + b->off : "";
}

/* Releases the storage. */
void tbuf_free(struct tbuf *b)
{
	free(b->data);
	*b = (struct tbuf){0};
}

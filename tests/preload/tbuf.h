/*
 * A growable byte buffer with a read offset: the input and output queues of
 * the ground-truth server and the response builder share it.
 */
#ifndef NETLIFE_TESTS_TBUF_H
#define NETLIFE_TESTS_TBUF_H

#include <stddef.h>

struct tbuf {
	char *data;
	size_t off;	/* first byte not yet consumed */
	size_t len;	/* end of the valid bytes */
	size_t cap;
};

void tbuf_append(struct tbuf *b, const void *p, size_t n);
void tbuf_fill(struct tbuf *b, char byte, size_t n);
void tbuf_appendf(struct tbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void tbuf_consume(struct tbuf *b, size_t n);
size_t tbuf_size(const struct tbuf *b);
const char *tbuf_head(const struct tbuf *b);
void tbuf_free(struct tbuf *b);

#endif

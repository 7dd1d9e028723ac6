/* exact_copy.h -- what every parser test needs first: a heap copy of exactly
 * n bytes of a text, with no NUL after it, so that AddressSanitizer and
 * valgrind catch a parser reading one byte past the line it was given
 * (lines are not NUL-terminated). The caller frees it. */
#ifndef EXACT_COPY_H
#define EXACT_COPY_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* malloc(0) may return NULL: an empty text gets one unused byte. */
static inline char *exact_copy(const char *text, size_t n)
{
	char *copy = malloc(n ? n : 1);
	assert_non_null(copy);
	memcpy(copy, text, n);
	return copy;
}

#endif

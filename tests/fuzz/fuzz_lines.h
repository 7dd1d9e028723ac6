/* fuzz_lines.h -- what the harnesses of the line parsers share: the input
 * cut into lines like a log file, each handed over as an exact-size heap
 * copy (no NUL after it, so that AddressSanitizer sees a read past its
 * end), and the one check every time stamp's resolution must pass. */
#ifndef FUZZ_LINES_H
#define FUZZ_LINES_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* What a harness does with one line; ctx is its own. */
typedef void fuzz_line_fn(const char *line, size_t len, void *ctx);

/* Each '\n'-separated line of [p, end), the last one without its '\n'
 * too, in order: one state per file runs across them as in the tool. */
static inline void fuzz_each_line(const char *p, const char *end, fuzz_line_fn *each, void *ctx)
{
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);
		char *line = malloc(len ? len : 1);
		if (!line)
			abort();
		memcpy(line, p, len);
		each(line, len, ctx);
		free(line);
		p = nl ? nl + 1 : end;
	}
}

/* A resolution is 1 µs, 10 µs, ... 1 s: nothing else. */
static inline int fuzz_power_of_ten(unsigned res)
{
	for (unsigned r = 1; r <= 1000000; r *= 10)
		if (res == r)
			return 1;
	return 0;
}

#endif

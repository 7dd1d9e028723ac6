/*
 * libFuzzer harness of the scheduler-XML summary (wrapper/nl_sched_xml.c).
 *
 * Input: one mode byte, then the body.  Bit 0 of the mode byte is
 * is_reply; all of it seeds the chunk sizes.  Each input is summarised
 * twice, fed whole and fed in small chunks; the harness aborts when the
 * two summaries differ (the summary must not depend on the chunking) or
 * when a summary breaks its invariants.  build-and-run.sh builds it with
 * small bounds (stage, bytes, memory) so that short inputs reach every
 * limit.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../wrapper/nl_sched_xml.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct nl_sched_parser whole, split;

/* A text field: ends inside its array, no control byte, no doubled or outer space. */
static void
check_text(const char *s, size_t size)
{
	size_t n;

	if (memchr(s, 0, size) == NULL)
		abort();
	n = strlen(s);
	if (n > 0 && (s[0] == ' ' || s[n - 1] == ' ' || strstr(s, "  ") != NULL))
		abort();
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20)
			abort();
}

/* What every summary must satisfy, whatever the body. */
static void
check_summary(const struct nl_sched_summary *s, size_t size,
    const struct nl_sched_parser *p)
{
	if (memchr(s->root, 0, sizeof(s->root)) == NULL ||
	    memchr(s->note, 0, sizeof(s->note)) == NULL ||
	    memchr(s->req_secs, 0, sizeof(s->req_secs)) == NULL ||
	    memchr(s->req_instances, 0, sizeof(s->req_instances)) == NULL ||
	    memchr(s->master_url, 0, sizeof(s->master_url)) == NULL)
		abort();
	check_text(s->messages, sizeof(s->messages));
	check_text(s->project_name, sizeof(s->project_name));
	if (s->body_bytes != size || s->ignored_bytes > size)
		abort();
	if (s->note[0] == '\0' && !s->complete)	/* all well means closed */
		abort();
	if (s->complete && s->root[0] == '\0')
		abort();
	if (p->mem_peak > NL_SCHED_MAX_MEM)
		abort();
	if (s->master_url[0] != '\0' && strchr(s->master_url, '#') != NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nl_sched_summary a, b;
	const char *body = (const char *)data + 1;
	unsigned seed;
	size_t n, i = 0;
	int is_reply;

	if (size == 0)
		return 0;
	is_reply = data[0] & 1;
	seed = data[0];
	n = size - 1;

	nl_sched_begin(&whole, is_reply);
	nl_sched_feed(&whole, body, n);
	nl_sched_end(&whole, &a);
	check_summary(&a, n, &whole);

	nl_sched_begin(&split, is_reply);
	while (i < n) {
		size_t k;

		seed = seed * 1103515245u + 12345u;
		k = (seed >> 16) % 8 == 0 ? 1 + (seed >> 20) % 200 : 1 + (seed >> 20) % 3;
		if (k > n - i)
			k = n - i;
		nl_sched_feed(&split, body + i, k);
		i += k;
	}
	nl_sched_end(&split, &b);
	check_summary(&b, n, &split);

	if (memcmp(&a, &b, sizeof(a)) != 0)
		abort();
	/* a parser that was ended takes no more */
	nl_sched_feed(&split, body, n);
	nl_sched_end(&split, &b);
	if (strcmp(b.note, "parser not started") != 0)
		abort();
	return 0;
}

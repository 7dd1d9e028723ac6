/* evlog_test.h -- what the event-log tests share: each line is parsed from
 * a heap copy of exactly its length (no NUL after it), so that AddressSanitizer
 * catches a parser reading past the end; times are read in Europe/Berlin
 * (CET/CEST) so that a parser ignoring the zone or DST fails. */
#ifndef EVLOG_TEST_H
#define EVLOG_TEST_H

#include <time.h>
#include "exact_copy.h"
#include "tl_evlog.h"

#define SEC 1000000LL

/* Reference time for year-less journal stamps: 2026-11-26 19:30:19 UTC. */
static const struct tl_time_opts evlog_test_opts = { "Europe/Berlin", 1795721419LL * SEC, 0 };
static struct tl_evlog_state evlog_test_state;
static char *evlog_test_copy;

/* Zone of the process, once, before any stamp is read. */
static inline void evlog_test_zone(void)
{
	setenv("TZ", "Europe/Berlin", 1);
	tzset();
}

/* Parse n bytes of text (a fresh state per line) from an exact-size copy;
 * the copy lives until the next call, so out may point into it. */
static inline enum tl_parse evlog_parse_n(const struct tl_evlog_format *f, const char *text,
					  size_t n, struct tl_logline *out)
{
	free(evlog_test_copy);
	evlog_test_copy = exact_copy(text, n);
	tl_evlog_state_init(&evlog_test_state, &evlog_test_opts);
	memset(out, 0x5a, sizeof *out);
	enum tl_parse r = f->parse(&evlog_test_state, evlog_test_copy, n, out);
	if (r == TL_PARSE_BAD) {
		assert_non_null(evlog_test_state.error);
		assert_true(strlen(evlog_test_state.error) > 0);
	}
	return r;
}

static inline enum tl_parse evlog_parse(const struct tl_evlog_format *f, const char *text,
					struct tl_logline *out)
{
	return evlog_parse_n(f, text, strlen(text), out);
}

/* The line parses to exactly this time, resolution, project and message. */
static inline void evlog_expect(const struct tl_evlog_format *f, const char *text, int64_t t_us,
				unsigned res_us, const char *project, const char *msg)
{
	struct tl_logline l;
	assert_int_equal(evlog_parse(f, text, &l), TL_PARSE_SEGMENT);
	assert_true(l.t_us == t_us);
	assert_int_equal(l.t_res_us, res_us);
	assert_non_null(l.project);
	assert_int_equal(l.project_len, strlen(project));
	assert_memory_equal(l.project, project, l.project_len);
	assert_int_equal(l.msg_len, strlen(msg));
	assert_memory_equal(l.msg, msg, l.msg_len);
}

/* Each line is skipped / rejected (with a reason, checked above). */
static inline void evlog_expect_each(const struct tl_evlog_format *f, const char *const *lines,
				     size_t n, enum tl_parse want)
{
	struct tl_logline l;
	for (size_t i = 0; i < n; i++)
		if (evlog_parse(f, lines[i], &l) != want)
			fail_msg("%s: not %s: \"%s\"", f->name, want == TL_PARSE_SKIP ? "skipped" : "rejected",
				 lines[i]);
}

#define EVLOG_EXPECT_EACH(f, lines, want) \
	evlog_expect_each((f), (lines), sizeof (lines) / sizeof (lines)[0], (want))

/* sniff on an exact-size copy too. */
static inline int evlog_sniff(const struct tl_evlog_format *f, const char *text)
{
	size_t n = strlen(text);
	char *copy = exact_copy(text, n);
	int r = f->sniff(copy, n);
	free(copy);
	return r;
}

static inline int evlog_test_teardown(void **state)
{
	(void)state;
	free(evlog_test_copy);
	evlog_test_copy = NULL;
	return 0;
}

#endif

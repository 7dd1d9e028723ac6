/* tl_evlog_client.c -- the client's own "STAMP [project] message" line,
 * shared by every event-log form (see tl_evlog_client.h). */
#include "config.h"
#include <string.h>
#include "tl_evlog_client.h"

/* Locale-free classes: log text is bytes, not the reader's locale. */
static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Letters of a month abbreviation (checked by name later). */
static int is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* Each character of p against a pattern: 'd' digit, 'a' letter, others
 * literal. Used for shapes, so that sniffing needs no zone and no time. */
static int matches(const char *p, size_t n, const char *pattern)
{
	size_t k = strlen(pattern);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++) {
		char want = pattern[i];
		if (want == 'd' ? !is_digit(p[i]) : want == 'a' ? !is_alpha(p[i]) : p[i] != want)
			return 0;
	}
	return 1;
}

/* Both stamps the client has written: time_to_string() "%d-%b-%Y %H:%M:%S"
 * since 6.x, "%Y-%m-%d %H:%M:%S" in 5.x. */
size_t tl_evlog_stamp_shape(const char *p, size_t n)
{
	if (matches(p, n, "dd-aaa-dddd dd:dd:dd"))
		return 20;
	if (matches(p, n, "dddd-dd-dd dd:dd:dd"))
		return 19;
	return 0;
}

/* Read through tl_time.c with the length cut to the stamp, so that nothing
 * after it (a fraction, a zone) can be taken for part of it. */
size_t tl_evlog_stamp(const struct tl_time_opts *o, const char *p, size_t n, int64_t *t_us)
{
	size_t k = tl_evlog_stamp_shape(p, n);
	unsigned res;
	if (k == 20)
		return tl_time_boinc(o, p, k, t_us, &res) == k ? k : 0;
	if (k == 19)
		return tl_time_iso(o, p, k, t_us, &res) == k ? k : 0;
	return 0;
}

/* Copies made on Windows end in CRLF; the CR is no part of the message. */
size_t tl_evlog_chop_cr(const char *p, size_t n)
{
	return n > 0 && p[n - 1] == '\r' ? n - 1 : n;
}

/* The tag is the client's "[%s] ": it ends at the first "] " (or a "]" that
 * ends the line); project names contain spaces but not that pair. */
void tl_evlog_split_tag(const char *p, size_t n, struct tl_logline *out)
{
	n = tl_evlog_chop_cr(p, n);
	out->project = "";
	out->project_len = 0;
	out->msg = p;
	out->msg_len = n;
	if (n < 2 || p[0] != '[')
		return;
	size_t lim = n < TL_EVLOG_PROJECT_MAX + 2 ? n : TL_EVLOG_PROJECT_MAX + 2;
	for (size_t i = 1; i < lim; i++) {
		if (p[i] != ']' || (i + 1 < n && p[i + 1] != ' '))
			continue;
		size_t plen = i - 1;
		if (!(plen == 3 && memcmp(p + 1, "---", 3) == 0)) {
			out->project = p + 1;
			out->project_len = plen;
		}
		size_t body = i + 1 < n ? i + 2 : n;
		out->msg = p + body;
		out->msg_len = n - body;
		return;
	}
}

/* One parser for the line the client prints, wherever it was copied to;
 * a line not starting like a stamp continues a multi-line message. */
enum tl_parse tl_evlog_client_line(struct tl_evlog_state *st, const char *p, size_t n,
				   struct tl_logline *out)
{
	size_t k = tl_evlog_stamp_shape(p, n);
	memset(out, 0, sizeof *out);
	if (k == 0)
		return TL_PARSE_SKIP;
	if (tl_evlog_stamp(st->time, p, n, &out->t_us) != k) {
		st->error = "bad time stamp";
		return TL_PARSE_BAD;
	}
	if (k >= n || p[k] != ' ' || tl_evlog_chop_cr(p, n) <= k + 1) {
		st->error = "nothing after the time stamp";
		return TL_PARSE_BAD;
	}
	out->t_res_us = 1000000;
	tl_evlog_split_tag(p + k + 1, n - k - 1, out);
	return TL_PARSE_SEGMENT;
}

/* Shape only (no zone needed): stamp, space, "[" and a "]" not far after. */
int tl_evlog_client_line_sniff(const char *p, size_t n)
{
	size_t k = tl_evlog_stamp_shape(p, n);
	if (k == 0 || n < k + 4 || p[k] != ' ' || p[k + 1] != '[')
		return 0;
	size_t lim = n < k + 2 + TL_EVLOG_PROJECT_MAX + 1 ? n : k + 2 + TL_EVLOG_PROJECT_MAX + 1;
	return memchr(p + k + 2, ']', lim - k - 2) != NULL;
}

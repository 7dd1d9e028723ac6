/* tl_evlog_boinccmd.c -- "boinccmd --get_messages" output.
 *
 * client/boinc_cmd.cpp (6.x to 8.x) prints each message as
 *   printf("%d: %s (%s) [%s] %s\n", md.seqno, time_to_string(md.timestamp),
 *          prio_name(md.priority), md.project.c_str(), md.body.c_str());
 * e.g. "1234: 26-Nov-2026 20:30:19 (low) [Einstein@Home] Scheduler request
 * completed: got 2 new tasks"; the project is "[]" for client-wide messages,
 * the time is boinccmd's local time. 5.x printed "%s %d %d %s": project,
 * priority, Unix time, body ("SETI@home 1 1118833505 Sending ..."); that
 * form's time is exact (UTC). Lines of a multi-line body after the first
 * carry nothing of this: they are skipped. */
#include "config.h"
#include <string.h>
#include "tl_evlog_client.h"

#define SEQNO_DIGITS_MAX 10
#define PRIORITY_MAX 32		/* "user notification", "internal error" */

/* The "%d: " sequence number: bytes used (digits + ": "), else 0. */
static size_t seqno_prefix(const char *p, size_t n)
{
	size_t i = 0;
	while (i < n && i <= SEQNO_DIGITS_MAX && p[i] >= '0' && p[i] <= '9')
		i++;
	if (i == 0 || i > SEQNO_DIGITS_MAX || i + 2 > n || p[i] != ':' || p[i + 1] != ' ')
		return 0;
	return i + 2;
}

/* " (priority) " after the stamp: bytes used up to the project tag, else 0. */
static size_t priority_part(const char *p, size_t n)
{
	if (n < 4 || p[0] != ' ' || p[1] != '(')
		return 0;
	size_t lim = n < PRIORITY_MAX + 2 ? n : PRIORITY_MAX + 2;
	const char *close = memchr(p + 2, ')', lim - 2);
	if (!close || close == p + 2)
		return 0;
	size_t used = (size_t)(close - p) + 1;
	if (used + 1 >= n || p[used] != ' ' || p[used + 1] != '[')
		return 0;
	return used + 1;
}

/* Unsigned decimal of 1..max digits at p ending in a space: its value and
 * the bytes used (digits + space), or 0. */
static size_t number_then_space(const char *p, size_t n, unsigned max, int64_t *v)
{
	size_t i = 0;
	*v = 0;
	while (i < n && i < max && p[i] >= '0' && p[i] <= '9')
		*v = *v * 10 + (p[i++] - '0');
	if (i == 0 || i >= n || p[i] != ' ')
		return 0;
	return i + 1;
}

/* The 5.x form: the first " PRIORITY UNIXTIME " within the first bytes,
 * with no "[", "|" or tab before it (those belong to other forms). Returns
 * the offset of the body and fills the project and the time, else 0. */
static size_t old_form(const char *p, size_t n, struct tl_logline *out)
{
	size_t lim = n < TL_EVLOG_PROJECT_MAX ? n : TL_EVLOG_PROJECT_MAX;
	for (size_t i = 0; i < lim; i++) {
		if (p[i] == '[' || p[i] == '|' || p[i] == '\t')
			return 0;
		if (p[i] != ' ')
			continue;
		int64_t prio, t;
		size_t a = number_then_space(p + i + 1, n - i - 1, 2, &prio);
		if (a == 0)
			continue;
		size_t b = number_then_space(p + i + 1 + a, n - i - 1 - a, 10, &t);
		if (b < 10 || t < 946684800)	/* 9-10 digits, from 2000 on */
			continue;
		out->project = p;
		out->project_len = i;
		out->t_us = t * 1000000;
		out->t_res_us = 1000000;
		return i + 1 + a + b;
	}
	return 0;
}

/* Typical: the current form up to the project tag, or the 5.x form. */
static int sniff(const char *line, size_t len)
{
	struct tl_logline dummy;
	size_t s = seqno_prefix(line, len), k;
	if (s && (k = tl_evlog_stamp_shape(line + s, len - s)) != 0)
		return priority_part(line + s + k, len - s - k) != 0;
	return old_form(line, len, &dummy) != 0;
}

/* The current form, else the 5.x one; anything else continues a body. */
static enum tl_parse parse(struct tl_evlog_state *st, const char *line, size_t len,
			   struct tl_logline *out)
{
	size_t s = seqno_prefix(line, len), k, pr;
	memset(out, 0, sizeof *out);
	if (s == 0 || (k = tl_evlog_stamp_shape(line + s, len - s)) == 0) {
		size_t body = old_form(line, len, out);
		if (body == 0)
			return TL_PARSE_SKIP;
		out->msg = line + body;
		out->msg_len = tl_evlog_chop_cr(line + body, len - body);
		return TL_PARSE_SEGMENT;
	}
	if (tl_evlog_stamp(st->time, line + s, len - s, &out->t_us) != k) {
		st->error = "bad time stamp";
		return TL_PARSE_BAD;
	}
	pr = priority_part(line + s + k, len - s - k);
	if (pr == 0) {
		st->error = "no \"(priority) [project]\" after the time";
		return TL_PARSE_BAD;
	}
	tl_evlog_split_tag(line + s + k + pr, len - s - k - pr, out);
	out->t_res_us = 1000000;
	return TL_PARSE_SEGMENT;
}

const struct tl_evlog_format tl_evlog_boinccmd = {
	"boinccmd", "boinccmd --get_messages: \"1234: 26-Nov-2026 20:30:19 (low) [project] message\"",
	sniff, parse
};

/* tl_evlog_manager.c -- event-log text copied out of BOINC Manager.
 *
 * clientgui/DlgEventLog.cpp CopyToClipboard() writes "%s | %s | %s\n" (7.x,
 * 8.x; some 6.12-7.x builds "%s|%s|%s"), 5.10-6.6 ViewMessages.cpp
 * "%s|%s|%s", 6.8/6.10 "%s\t%s\t%s": time, project (empty for client-wide
 * messages), message. The time is wxDateTime::Format(), i.e. strftime's %c
 * in the Manager's locale, seconds only, the Manager's local time. Read
 * here (English month and day names only):
 *   "Tue 05 May 2009 02:07:26 AM CDT"  glibc en_US (the zone word is not
 *   "Tue 05 May 2009 14:07:26 CDT"     glibc en_GB  used: read in opts->tz)
 *   "Tue May  5 14:07:26 2009"         C locale
 *   "6/4/2005 6:32:55 PM"              Windows en_US: M/D/YYYY with AM/PM
 *   "4/6/2005 18:32:55", "4.6.2005 18:32:55"  24 h: D/M/YYYY, D.M.YYYY
 *   "26-Nov-2026 20:30:19", "2026-11-26 20:30:19"
 * Numeric dates are ambiguous; the rule is: with AM/PM the month comes first
 * (the US is where 12-hour clocks and M/D go together), without it the day
 * does (the rest of the world). Lines without a separator near the start
 * continue a multi-line message and are skipped. */
#include "config.h"
#include <string.h>
#include "tl_evlog_client.h"

#define DATE_MAX 48		/* longest time text before the first separator */

struct reader {
	const char *p;
	size_t n, i;
};

struct civil {
	int year, mon, day, hour, min, sec;
};

/* One literal character, consumed if present. */
static int take(struct reader *r, char c)
{
	if (r->i < r->n && r->p[r->i] == c) {
		r->i++;
		return 1;
	}
	return 0;
}

/* At least one space (the C locale pads days with one). */
static int spaces(struct reader *r)
{
	size_t start = r->i;
	while (r->i < r->n && r->p[r->i] == ' ')
		r->i++;
	return r->i > start;
}

/* min..max decimal digits: their count (0 if fewer than min). */
static unsigned number(struct reader *r, unsigned min, unsigned max, int *v)
{
	unsigned k = 0;
	*v = 0;
	while (k < max && r->i + k < r->n && r->p[r->i + k] >= '0' && r->p[r->i + k] <= '9')
		*v = *v * 10 + (r->p[r->i + k++] - '0');
	if (k < min)
		return 0;
	r->i += k;
	return k;
}

/* A word of letters (weekday, month, zone, AM/PM): its length. */
static size_t word(struct reader *r, const char **w)
{
	size_t start = r->i;
	while (r->i < r->n && ((r->p[r->i] >= 'A' && r->p[r->i] <= 'Z') ||
			       (r->p[r->i] >= 'a' && r->p[r->i] <= 'z')))
		r->i++;
	*w = r->p + start;
	return r->i - start;
}

/* "H:MM:SS" with an optional " AM"/" PM" (12 h, converted): 1 or 0;
 * *twelve says whether AM/PM was there. */
static int clock_time(struct reader *r, struct civil *c, int *twelve)
{
	const char *w;
	if (!number(r, 1, 2, &c->hour) || !take(r, ':') || number(r, 2, 2, &c->min) != 2 ||
	    !take(r, ':') || number(r, 2, 2, &c->sec) != 2)
		return 0;
	size_t save = r->i;
	*twelve = 0;
	if (spaces(r) && word(r, &w) == 2 && (w[0] == 'A' || w[0] == 'P') && w[1] == 'M') {
		if (c->hour < 1 || c->hour > 12)
			return 0;
		c->hour = c->hour % 12 + (w[0] == 'P' ? 12 : 0);
		*twelve = 1;
	} else {
		r->i = save;
	}
	return 1;
}

/* A trailing zone word ("CDT", "CEST", "UTC"): skipped, see the top. */
static void zone_word(struct reader *r)
{
	const char *w;
	size_t save = r->i;
	if (!spaces(r) || word(r, &w) == 0)
		r->i = save;
}

/* glibc's %c in English: "Tue 05 May 2009 02:07:26 AM CDT" (en_US, en_GB
 * without AM) or "Tue May  5 02:07:26 2009" (C). */
static int weekday_form(struct reader *r, struct civil *c)
{
	const char *w;
	int twelve;
	if (word(r, &w) != 3 || !spaces(r))
		return 0;
	if (word(r, &w) == 3) {		/* C: month first, year last */
		if (!(c->mon = tl_month(w, 3)) || !spaces(r) || !number(r, 1, 2, &c->day) ||
		    !spaces(r) || !clock_time(r, c, &twelve) || !spaces(r))
			return 0;
		return number(r, 4, 4, &c->year) == 4;
	}
	if (!number(r, 1, 2, &c->day) || !spaces(r) || word(r, &w) != 3 ||
	    !(c->mon = tl_month(w, 3)) || !spaces(r) || number(r, 4, 4, &c->year) != 4 ||
	    !spaces(r) || !clock_time(r, c, &twelve))
		return 0;
	zone_word(r);
	return 1;
}

/* "6/4/2005 6:32:55 PM" (M/D with AM/PM) or "4/6/2005 18:32:55",
 * "4.6.2005 18:32:55" (D/M, D.M without). */
static int numeric_form(struct reader *r, struct civil *c)
{
	int a, b, twelve;
	if (!number(r, 1, 2, &a) || r->i >= r->n)
		return 0;
	char sep = r->p[r->i];
	if ((sep != '/' && sep != '.') || !take(r, sep) || !number(r, 1, 2, &b) ||
	    !take(r, sep) || number(r, 4, 4, &c->year) != 4 || !spaces(r) ||
	    !clock_time(r, c, &twelve))
		return 0;
	c->mon = twelve && sep == '/' ? a : b;
	c->day = twelve && sep == '/' ? b : a;
	return 1;
}

/* The time text (exactly date_len bytes) in any of the forms above. */
static int manager_time(const struct tl_time_opts *o, const char *p, size_t n, int64_t *t_us)
{
	struct civil c;
	struct reader r = { p, n, 0 };
	if (n > 0 && tl_evlog_stamp_shape(p, n) == n)
		return tl_evlog_stamp(o, p, n, t_us) == n ? 0 : -1;
	memset(&c, 0, sizeof c);
	if (n > 0 && p[0] >= '0' && p[0] <= '9') {
		if (!numeric_form(&r, &c))
			return -1;
	} else if (!weekday_form(&r, &c)) {
		return -1;
	}
	if (r.i != n)
		return -1;
	return tl_civil_to_us(o, c.year, c.mon, c.day, c.hour, c.min, c.sec, 0,
			      TL_NO_OFFSET, t_us);
}

struct columns {
	size_t date_len;	/* time text, spaces before the separator dropped */
	const char *project;
	size_t project_len;
	size_t msg_at;
};

/* The three columns: 0, -1 with no separator near the start (SKIP), -2
 * with only one (BAD). */
static int columns(const char *p, size_t n, struct columns *col)
{
	size_t lim = n < DATE_MAX ? n : DATE_MAX, i = 0;
	while (i < lim && p[i] != '|' && p[i] != '\t')
		i++;
	if (i >= lim)
		return -1;
	char sep = p[i];
	int spaced = i > 0 && p[i - 1] == ' ';
	col->date_len = i;
	while (col->date_len > 0 && p[col->date_len - 1] == ' ')
		col->date_len--;
	size_t start = i + 1 + (spaced && i + 1 < n && p[i + 1] == ' ');
	const char *end = start < n ? memchr(p + start, sep, n - start) : NULL;
	if (!end)
		return -2;
	col->project = p + start;
	col->project_len = (size_t)(end - col->project);
	while (col->project_len > 0 && col->project[col->project_len - 1] == ' ')
		col->project_len--;
	col->msg_at = (size_t)(end - p) + 1;
	if (spaced && col->msg_at < n && p[col->msg_at] == ' ')
		col->msg_at++;
	return 0;
}

/* Typical: three columns and a time text this parser reads. */
static int sniff(const char *line, size_t len)
{
	static const struct tl_time_opts local = { NULL, 0, 0 };
	struct columns col;
	int64_t t;
	return columns(line, len, &col) == 0 && manager_time(&local, line, col.date_len, &t) == 0;
}

/* The columns, then the time. */
static enum tl_parse parse(struct tl_evlog_state *st, const char *line, size_t len,
			   struct tl_logline *out)
{
	struct columns col;
	memset(out, 0, sizeof *out);
	int r = columns(line, len, &col);
	if (r == -1)
		return TL_PARSE_SKIP;
	if (r == -2) {
		st->error = "no project column";
		return TL_PARSE_BAD;
	}
	if (manager_time(st->time, line, col.date_len, &out->t_us) < 0) {
		st->error = "time not in a known Manager form";
		return TL_PARSE_BAD;
	}
	out->t_res_us = 1000000;
	out->project = col.project;
	out->project_len = col.project_len;
	if (col.project_len == 3 && memcmp(col.project, "---", 3) == 0) {
		out->project = "";
		out->project_len = 0;
	}
	out->msg = line + col.msg_at;
	out->msg_len = tl_evlog_chop_cr(out->msg, len - col.msg_at);
	return TL_PARSE_SEGMENT;
}

const struct tl_evlog_format tl_evlog_manager = {
	"manager", "BOINC Manager copies: \"time | project | message\", \"time|project|message\", tab-separated",
	sniff, parse
};

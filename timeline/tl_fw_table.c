/* tl_fw_table.c -- the forum's summary table of dropped packets
 * (notes B.10): one row per drop, "TIMESTAMP<TAB>IP_IN<TAB>TCP_PORT", the
 * source address (the project's server) and the destination port (the
 * client's ephemeral port), after a header line:
 *
 *   TIMESTAMP	IP_IN	TCP_PORT
 *   2009-05-12 14:03:28	198.51.100.20	33724
 *
 * Columns may be separated by tabs or spaces; the time may be
 * "YYYY-MM-DD HH:MM:SS[.frac]", "Mon DD HH:MM:SS", epoch seconds, or the
 * time of day alone "HH:MM:SS[.mmm]" (IPCop's log page and repro.sh print
 * that). A time of day is placed on the local date of the reference time
 * (opts->ref_us: the traces), in the --tz zone, and moves to the next day
 * when the times go back by more than 12 hours (a table crossing
 * midnight); without a reference time it is an error, not a guess. */
#include "config.h"
#include <string.h>
#include <time.h>
#include "tl_fw.h"
#include "tl_scan.h"

#define US_PER_S 1000000LL
#define US_PER_DAY (86400 * US_PER_S)

/* The row's stamp: bytes used, the time (or, with *day_only set, µs of
 * the day) and its resolution; 0 if no known form. */
static size_t row_stamp(const struct tl_time_opts *o, struct tl_year_guess *y, const char *p,
			size_t n, int64_t *t_us, unsigned *res_us, int *day_only)
{
	size_t used;
	*day_only = 0;
	if ((used = tl_time_iso(o, p, n, t_us, res_us)) ||
	    (used = tl_time_syslog(o, y, p, n, t_us, res_us)) ||
	    (used = tl_time_epoch(p, n, t_us, res_us)))
		return used;
	*day_only = 1;
	return tl_time_of_day(p, n, t_us, res_us);
}

/* After the stamp: blanks, address, blanks, port, nothing else (a CR
 * left by a Windows editor aside). Returns 0 or -1. */
static int row_rest(const char *p, const char *end, struct tl_segment *seg)
{
	const char *q = tl_scan_blanks(p, end);
	if (q == p || !(p = tl_scan_addr(q, end, seg->src)))
		return -1;
	q = tl_scan_blanks(p, end);
	if (q == p || !(p = tl_scan_port(q, end, &seg->dport)))
		return -1;
	p = tl_scan_blanks(p, end);
	if (p < end && *p == '\r')
		p++;
	return p == end ? 0 : -1;
}

/* A header: words of letters, '_' and '-' separated by tabs, no digit. */
static int is_header(const char *p, const char *end)
{
	int tabs = 0;
	for (; p < end; p++) {
		char c = *p;
		if (c == '\t')
			tabs++;
		else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
			   c == '-' || c == ' ' || c == '\r'))
			return 0;
	}
	return tabs >= 2;
}

/* Claims the header and well-formed rows; a kernel LOG line has a host
 * word after its stamp, a tcpdump line "IP" or a flow, so neither is a row. */
static int sniff(const char *line, size_t len)
{
	static const struct tl_time_opts no_opts = { NULL, 0, 0 };
	const char *end = line + len;
	struct tl_year_guess y = { 0 };
	struct tl_segment seg;
	int64_t t;
	unsigned res;
	int day_only;
	if (is_header(line, end))
		return 1;
	size_t used = row_stamp(&no_opts, &y, line, len, &t, &res, &day_only);
	memset(&seg, 0, sizeof seg);
	return used && row_rest(line + used, end, &seg) == 0;
}

/* The local civil date of t_us in the zone. */
static int local_date(int64_t t_us, int *y, int *m, int *d)
{
	time_t t = (time_t)(t_us / US_PER_S);
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return -1;
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
	return 0;
}

/* A time of day on a civil date, in the zone (DST-correct). */
static int on_date(const struct tl_time_opts *o, int y, int m, int d, int64_t day_us,
		   int64_t *t_us)
{
	int64_t sec = day_us / US_PER_S;
	return tl_civil_to_us(o, y, m, d, (int)(sec / 3600), (int)(sec / 60 % 60),
			      (int)(sec % 60), (long)(day_us % US_PER_S), TL_NO_OFFSET, t_us);
}

/* A time of day on the date of the previous row (the first row: of the
 * reference time), or on the next date when the time went back by more
 * than 12 hours. st->last_t_us keeps the previous row's time. */
static int place_on_day(struct tl_fw_state *st, int64_t day_us, int64_t *t_us)
{
	const struct tl_time_opts *o = st->time;
	int64_t base = st->have_last_t ? st->last_t_us : o->ref_us, noon;
	int y, m, d;
	if (!base || local_date(base, &y, &m, &d) < 0 || on_date(o, y, m, d, day_us, t_us) < 0)
		return -1;
	if (st->have_last_t && *t_us < st->last_t_us - US_PER_DAY / 2) {
		/* noon + 24 h is on the next date whatever DST does */
		if (on_date(o, y, m, d, US_PER_DAY / 2, &noon) < 0 ||
		    local_date(noon + US_PER_DAY, &y, &m, &d) < 0 ||
		    on_date(o, y, m, d, day_us, t_us) < 0)
			return -1;
	}
	st->last_t_us = *t_us;
	st->have_last_t = 1;
	return 0;
}

static enum tl_parse parse(struct tl_fw_state *st, const char *line, size_t len,
			   struct tl_segment *seg)
{
	const char *end = line + len;
	int day_only;
	memset(seg, 0, sizeof *seg);
	const char *p = tl_scan_blanks(line, end);
	if (p == end || *p == '#' || *p == '\r' || is_header(line, end))
		return TL_PARSE_SKIP;
	size_t used = row_stamp(st->time, &st->year, line, len, &seg->t_us, &seg->t_res_us,
				&day_only);
	if (!used) {
		st->error = "table row without a known time stamp";
		return TL_PARSE_BAD;
	}
	if (row_rest(line + used, end, seg) < 0) {
		st->error = "table row is not: time, address, port";
		return TL_PARSE_BAD;
	}
	if (day_only && place_on_day(st, seg->t_us, &seg->t_us) < 0) {
		st->error = "time-of-day table needs a reference date (from the traces)";
		return TL_PARSE_BAD;
	}
	seg->kind = TL_KIND_SEGMENT;
	seg->verdict = TL_VERDICT_DROPPED;
	return TL_PARSE_SEGMENT;
}

const struct tl_fw_format tl_fw_table = {
	"table",
	"tables of dropped packets: time, source address, destination port",
	sniff, parse
};

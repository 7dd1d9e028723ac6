/* tl_evlog_journal.c -- "journalctl -u boinc-client" text: Debian's unit
 * runs the client without --redirectio, so its stdout lines land in the
 * journal, each behind journalctl's own prefix:
 *   short              "Nov 26 20:30:19 host boinc[123]: 26-Nov-2026 20:30:19 [p] msg"
 *   short-precise      "Nov 26 20:30:19.615902 host boinc[123]: ..."
 *   short-iso          "2026-11-26T20:30:19+0100 host boinc[123]: ..."
 *   short-iso-precise  "2026-11-26T20:30:19.615902+0100 host boinc[123]: ..."
 * "-- Boot ... --", "-- No entries --" and the indented continuation lines
 * of multi-line messages are skipped; other programs of the unit (systemd's
 * "Started ...") and client text without its stamp come out as messages
 * with the journal's time. short-full and short-monotonic are not read. */
#include "config.h"
#include <string.h>
#include "tl_evlog_client.h"

#define FIELD_MAX 256		/* host name, identifier[pid] */
#define AGREE_US 3000000	/* journal receive time within 3 s after the client's stamp */

struct journal_stamp {
	int64_t t_us;
	unsigned res_us;
	int has_zone;
};

/* The journal's stamp at the start: ISO (with a UTC offset) or syslog-style
 * (local, year inferred). Bytes used, or 0. */
static size_t journal_stamp(struct tl_evlog_state *st, const char *p, size_t n,
			    struct journal_stamp *j)
{
	size_t used;
	j->has_zone = 0;
	if (n >= 11 && p[4] == '-' && p[10] == 'T') {
		used = tl_time_iso(st->time, p, n, &j->t_us, &j->res_us);
		size_t core = 19;
		if (used > core && p[core] == '.')
			for (core++; core < used && p[core] >= '0' && p[core] <= '9'; core++)
				;
		j->has_zone = used > core;
		return j->has_zone ? used : 0;
	}
	return tl_time_syslog(st->time, &st->year, p, n, &j->t_us, &j->res_us);
}

/* " host ident[pid]: " after the stamp: offset of the message, or 0. The
 * identifier is one word ending in ':' (journalctl prints no spaces there). */
static size_t origin(const char *p, size_t n, size_t at)
{
	for (int field = 0; field < 2; field++) {
		if (at >= n || p[at] != ' ')
			return 0;
		at++;
		size_t lim = n - at < FIELD_MAX ? n - at : FIELD_MAX;
		const char *sp = memchr(p + at, ' ', lim);
		if (field == 1 && !sp && lim == n - at && lim > 1 && p[n - 1] == ':')
			return n;	/* "host ident:" with an empty message */
		if (!sp || sp == p + at)
			return 0;
		at = (size_t)(sp - p);
	}
	return p[at - 1] == ':' ? at + 1 : 0;
}

/* Which time to keep: the journal's receive time when it is exact (offset
 * and µs), or when it has µs and agrees with the client's own second (both
 * read in the same zone); otherwise the client's stamp, which has the year
 * and is when the client wrote the line. */
static void choose_time(const struct journal_stamp *j, int have_client, struct tl_logline *out)
{
	int64_t ahead = j->t_us - out->t_us;
	int precise = j->res_us < 1000000;
	if (!have_client || (precise && j->has_zone) ||
	    (precise && ahead >= 0 && ahead < AGREE_US)) {
		out->t_us = j->t_us;
		out->t_res_us = j->res_us;
	}
}

/* Typical: a journal prefix before a client line, or journalctl's header. */
static int sniff(const char *line, size_t len)
{
	static const struct tl_time_opts utc = { "UTC", 0, 0 };
	struct tl_evlog_state st;
	struct journal_stamp j;
	if ((len >= 21 && memcmp(line, "-- Journal begins at ", 21) == 0) ||
	    (len >= 18 && memcmp(line, "-- Logs begin at ", 17) == 0))
		return 1;
	tl_evlog_state_init(&st, &utc);
	size_t k = journal_stamp(&st, line, len, &j);
	size_t m = k ? origin(line, len, k) : 0;
	return m && tl_evlog_client_line_sniff(line + m, len - m);
}

/* Prefix, then the client's line inside (or bare text). */
static enum tl_parse parse(struct tl_evlog_state *st, const char *line, size_t len,
			   struct tl_logline *out)
{
	struct journal_stamp j;
	memset(out, 0, sizeof *out);
	if ((len >= 3 && memcmp(line, "-- ", 3) == 0) || (len > 0 && line[0] == ' ') || len == 0)
		return TL_PARSE_SKIP;
	size_t k = journal_stamp(st, line, len, &j);
	if (k == 0) {
		st->error = "no journalctl time stamp (short, short-precise, short-iso)";
		return TL_PARSE_BAD;
	}
	size_t m = origin(line, len, k);
	if (m == 0) {
		st->error = "no \"host identifier:\" after the time";
		return TL_PARSE_BAD;
	}
	if (tl_evlog_chop_cr(line + m, len - m) == 0)
		return TL_PARSE_SKIP;
	enum tl_parse r = tl_evlog_client_line(st, line + m, len - m, out);
	if (r != TL_PARSE_SEGMENT) {	/* bare text: the whole message */
		memset(out, 0, sizeof *out);
		out->project = "";
		out->msg = line + m;
		out->msg_len = tl_evlog_chop_cr(line + m, len - m);
	}
	choose_time(&j, r == TL_PARSE_SEGMENT, out);
	return TL_PARSE_SEGMENT;
}

const struct tl_evlog_format tl_evlog_journal = {
	"journal", "journalctl -u boinc-client (short, short-precise, short-iso, short-iso-precise)",
	sniff, parse
};

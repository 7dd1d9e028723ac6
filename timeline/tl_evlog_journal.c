/* tl_evlog_journal.c -- "journalctl -u boinc-client" text: Debian's unit
 * runs the client without --redirectio, so its stdout lines land in the
 * journal, each behind journalctl's own prefix:
 *   short              "Nov 26 20:30:19 host boinc[123]: 26-Nov-2026 20:30:19 [p] msg"
 *   short-precise      "Nov 26 20:30:19.615902 host boinc[123]: ..."
 *   short-iso          "2026-11-26T20:30:19+0100 host boinc[123]: ..."
 *   short-iso-precise  "2026-11-26T20:30:19.615902+0100 host boinc[123]: ..."
 *   short-full         "Thu 2026-11-26 20:30:19 CET host boinc[123]: ..."
 *   short-monotonic    "[ 5312.104877] host boinc[123]: ..."
 * (forms as journalctl 252 prints them). "-- Boot ... --", "-- No entries
 * --" and the indented continuation lines of multi-line messages are
 * skipped; other programs of the unit (systemd's "Started ...") and client
 * text without its stamp come out as messages with the journal's time.
 * short-full names the zone: it must be the zone of --tz (or UTC, as with
 * --utc). short-monotonic has no wall time: the client's own stamp is the
 * time, and a line without one has a time only with --boot-time. */
#include "config.h"
#include <string.h>
#include "tl_evlog_client.h"
#include "tl_scan.h"
#include "tl_zone_name.h"

#define FIELD_MAX 256		/* host name, identifier[pid] */
#define AGREE_US 3000000	/* journal receive time within 3 s after the client's stamp */

struct journal_stamp {
	int64_t t_us;
	unsigned res_us;
	int has_zone;
	int monotonic;		/* t_us is time since boot (short-monotonic) */
	const char *error;	/* why there is none, when it is not the shape */
};

/* "Thu 2026-11-26 20:30:19 CET": a weekday, the local date and time, the
 * zone's name (checked when check_zone: sniffing has no zone to check
 * with). Bytes used, or 0. */
static size_t full_stamp(struct tl_evlog_state *st, const char *p, size_t n,
			 struct journal_stamp *j, int check_zone)
{
	static const char days[] = "MonTueWedThuFriSatSun";
	int weekday = 0;
	for (int d = 0; d < 7 && n > 4; d++)
		weekday |= memcmp(p, days + 3 * d, 3) == 0 && p[3] == ' ';
	if (!weekday || n < 4 + 11 || p[4 + 10] != ' ')
		return 0;
	size_t used = 4 + tl_time_iso(st->time, p + 4, n - 4, &j->t_us, &j->res_us);
	if (used == 4 || used >= n || p[used] != ' ')
		return 0;
	const char *zone = p + used + 1, *zone_end = tl_scan_word_end(zone, p + n);
	if (zone_end == zone || zone_end - zone > 16)
		return 0;
	if (check_zone && tl_zone_name_apply(&j->t_us, zone, (size_t)(zone_end - zone)) < 0) {
		j->error = "journalctl -o short-full in a zone that is not --tz's: give --tz";
		return 0;
	}
	j->has_zone = 1;
	return (size_t)(zone_end - p);
}

/* The journal's stamp at the start: ISO (with a UTC offset), short-full,
 * "[monotonic]" or syslog-style (local, year inferred). Bytes used, or 0. */
static size_t journal_stamp(struct tl_evlog_state *st, const char *p, size_t n,
			    struct journal_stamp *j, int check_zone)
{
	size_t used;
	const char *q;
	j->has_zone = j->monotonic = 0;
	j->error = "no journalctl time stamp (short, short-precise, short-iso, short-full, short-monotonic)";
	if (n && p[0] == '[') {
		q = tl_scan_uptime(p, p + n, &j->t_us, &j->res_us);
		j->monotonic = 1;
		return q ? (size_t)(q - p) : 0;
	}
	if (n > 8 && p[3] == ' ' && p[0] >= 'A' && p[0] <= 'Z' && p[8] == '-')
		return full_stamp(st, p, n, j, check_zone);
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

/* short-monotonic: the client's stamp; a line without one is placed by
 * the boot time when it is known (approximately: suspend stops the
 * monotonic clock), else skipped -- it has no time to be put at. */
static enum tl_parse monotonic_time(const struct tl_evlog_state *st, const struct journal_stamp *j,
				    int have_client, struct tl_logline *out)
{
	if (have_client)
		return TL_PARSE_SEGMENT;
	if (!st->time->boot_us)
		return TL_PARSE_SKIP;
	out->t_us = st->time->boot_us + j->t_us;
	out->t_res_us = j->res_us;
	return TL_PARSE_SEGMENT;
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
	size_t k = journal_stamp(&st, line, len, &j, 0);
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
	size_t k = journal_stamp(st, line, len, &j, 1);
	if (k == 0) {
		st->error = j.error;
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
	if (j.monotonic)
		return monotonic_time(st, &j, r == TL_PARSE_SEGMENT, out);
	choose_time(&j, r == TL_PARSE_SEGMENT, out);
	return TL_PARSE_SEGMENT;
}

const struct tl_evlog_format tl_evlog_journal = {
	"journal", "journalctl -u boinc-client (short, short-precise, short-iso, short-iso-precise, "
	"short-full, short-monotonic)",
	sniff, parse
};

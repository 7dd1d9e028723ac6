/* tl_time.h -- turning the many ways logs write a time into µs since the
 * epoch (UTC), exactly and without guessing silently.
 *
 * Times without a zone (syslog, BOINC's own log, Windows) are read in the
 * zone the user names (--tz, default: the zone of the machine running
 * netlife, said in the output), DST-correct; stamps without a year take the
 * year from a reference time (the traces), handling a log that crosses New
 * Year. */
#ifndef TL_TIME_H
#define TL_TIME_H

#include <stddef.h>
#include <stdint.h>

struct tl_time_opts {
	/* The zone itself is the process's TZ, set once by tl_time_use_zone(). */
	const char *tz;		/* TZ name for zone-less times, NULL = local */
	int64_t ref_us;		/* a time near the logs (for the year), 0 = now */
	int64_t boot_us;	/* wall time of boot for raw dmesg stamps, 0 = unknown */
};

/* Year inference for "Mon DD HH:MM:SS" stamps, one per file. */
struct tl_year_guess {
	int year;		/* current guess, 0 = not started */
	int last_month;		/* 1..12 of the previous stamp */
	/* The last "Mon DD HH:MM:SS" read and its second: logs repeat a
	 * stamp for many lines, and reading it again is most of a line's
	 * time cost. */
	char stamp[15];
	int have_stamp;
	int64_t stamp_us;
};

/* Civil time in the zone of opts (DST-correct via mktime with TZ set),
 * or, with utc_offset_s != TL_NO_OFFSET, at that fixed offset. Returns 0 and
 * *t_us, or -1 if the fields are out of range. */
#define TL_NO_OFFSET INT32_MIN
int tl_civil_to_us(const struct tl_time_opts *opts, int year, int mon, int day,
		   int hour, int min, int sec, long usec, int32_t utc_offset_s,
		   int64_t *t_us);

/* Each parser reads a stamp at the start of p (at most n bytes), stores the
 * time and its resolution and returns the bytes consumed, or 0 if the text
 * is not such a stamp. None reads past p+n. */

/* "Nov 26 20:30:19" / "Nov  6 20:30:19.123456" (RFC 3164, OpenBSD -ttt) */
size_t tl_time_syslog(const struct tl_time_opts *o, struct tl_year_guess *y,
		      const char *p, size_t n, int64_t *t_us, unsigned *res_us);
/* "2026-11-26T20:30:19.615902+01:00", "...+0100", "...Z", or with a space
 * instead of T and no offset ("2026-11-26 20:30:19[.uuuuuu]", zone from o). */
size_t tl_time_iso(const struct tl_time_opts *o, const char *p, size_t n,
		   int64_t *t_us, unsigned *res_us);
/* "26-Nov-2026 20:30:19[.uuuuuu]" (BOINC's log style; zone from o) */
size_t tl_time_boinc(const struct tl_time_opts *o, const char *p, size_t n,
		     int64_t *t_us, unsigned *res_us);
/* "1795725024.442977" (epoch seconds, fraction optional, up to 9 digits) */
size_t tl_time_epoch(const char *p, size_t n, int64_t *t_us, unsigned *res_us);
/* "HH:MM:SS[.frac]" -> seconds of the day in µs (no date) */
size_t tl_time_of_day(const char *p, size_t n, int64_t *day_us, unsigned *res_us);

/* Month "Jan".."Dec" (English, case as written) -> 1..12, else 0. */
int tl_month(const char *p, size_t n);

/* Read zone-less stamps in zone tz (a TZ name, e.g. "Europe/Berlin"; NULL:
 * the machine's own): sets TZ for this process. -1 if the zone is unknown. */
int tl_time_use_zone(const char *tz);

/* Print t_us in the client's log style with µs: "26-Nov-2026 20:30:19.615902"
 * in the zone of opts; buf needs 32 bytes. */
void tl_time_format(const struct tl_time_opts *o, int64_t t_us, char *buf, size_t size);

#endif

/* tl_time.c -- log time stamps to exact UTC microseconds.
 *
 * The zone for zone-less stamps is the process's TZ (set once from --tz by
 * the program, before any parsing); conversions of local civil times go
 * through mktime() once per distinct local hour and are cached, so that a
 * gigabyte of syslog lines costs one mktime() per hour of log, and DST is
 * still exact (each hour gets its own offset). */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "tl_time.h"

#define US_PER_S 1000000LL

static unsigned zone_generation;	/* bumped when the zone changes: drops caches */

static const char month_names[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * algorithm): exact and branch-light, no table, no mktime. */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 ? 28 + leap : dm[m - 1];
}

/* The local zone's offset (seconds east of UTC) in force at a local civil
 * hour, from mktime (DST-aware); the last answer is cached. In the hour a
 * DST change repeats, mktime picks one of the two: the caller can't know
 * which the log meant, and the stamp is read as that one. */
static int32_t local_offset_at(int y, int m, int d, int h)
{
	static unsigned cached_generation;	/* 0: nothing cached */
	static int cy, cm, cd, ch;
	static int32_t coff;
	if (cached_generation == zone_generation + 1 && y == cy && m == cm && d == cd && h == ch)
		return coff;
	struct tm tm = { 0 };
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = 30;
	tm.tm_isdst = -1;
	time_t t = mktime(&tm);
	int64_t naive = days_from_civil(y, m, d) * 86400 + h * 3600 + 30 * 60;
	coff = (int32_t)(naive - (int64_t)t);
	cy = y; cm = m; cd = d; ch = h;
	cached_generation = zone_generation + 1;
	return coff;
}

/* Civil time (at a fixed offset, or in the process's zone) to UTC µs. */
int tl_civil_to_us(const struct tl_time_opts *opts, int year, int mon, int day,
		   int hour, int min, int sec, long usec, int32_t utc_offset_s,
		   int64_t *t_us)
{
	(void)opts;
	if (year < 1970 || year > 9999 || mon < 1 || mon > 12 || day < 1 ||
	    day > days_in_month(year, mon) || hour < 0 || hour > 23 || min < 0 ||
	    min > 59 || sec < 0 || sec > 60 || usec < 0 || usec > 999999)
		return -1;
	int64_t naive = days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
	int32_t off = utc_offset_s != TL_NO_OFFSET ? utc_offset_s
						   : local_offset_at(year, mon, day, hour);
	*t_us = (naive - off) * US_PER_S + usec;
	return 0;
}

/* Month abbreviation to 1..12 (English, first letter upper case). */
int tl_month(const char *p, size_t n)
{
	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++)
		if (p[0] == month_names[i][0] && p[1] == month_names[i][1] &&
		    p[2] == month_names[i][2])
			return i + 1;
	return 0;
}

/* Exactly `width` digits at p (n bytes available), or -1. */
static long digits(const char *p, size_t n, unsigned width)
{
	long v = 0;
	if (n < width)
		return -1;
	for (unsigned i = 0; i < width; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

/* An optional ".fraction" (1..9 digits) at p: µs and resolution; returns the
 * bytes used (0 if none). */
static size_t fraction(const char *p, size_t n, long *usec, unsigned *res_us)
{
	*usec = 0;
	*res_us = 1000000;
	if (n < 2 || (p[0] != '.' && p[0] != ',') || p[1] < '0' || p[1] > '9')
		return 0;
	size_t i = 1;
	long scale = 100000;
	unsigned res = 1000000;
	while (i < n && p[i] >= '0' && p[i] <= '9' && i <= 9) {
		*usec += (p[i] - '0') * scale;
		scale /= 10;
		if (res > 1)
			res /= 10;
		i++;
	}
	if (i < n && p[i] >= '0' && p[i] <= '9')
		return 0;	/* more than 9 digits: not a time */
	*res_us = res;
	return i;
}

/* "HH:MM:SS" at p: fills h, m, s; 8 or 0. */
static size_t hms(const char *p, size_t n, int *h, int *m, int *s)
{
	long hh = digits(p, n, 2), mm, ss;
	if (hh < 0 || n < 8 || p[2] != ':' || p[5] != ':')
		return 0;
	mm = digits(p + 3, n - 3, 2);
	ss = digits(p + 6, n - 6, 2);
	if (mm < 0 || ss < 0 || hh > 23 || mm > 59 || ss > 60)
		return 0;
	*h = (int)hh;
	*m = (int)mm;
	*s = (int)ss;
	return 8;
}

/* The year to read a year-less "Mon DD" in: the first stamp of a file takes
 * the year that puts it nearest the reference time (the traces); later ones
 * follow the file, moving to the next year when the month goes back (a log
 * that crosses New Year). */
static int guess_year(const struct tl_time_opts *o, struct tl_year_guess *y, int mon)
{
	if (y->year == 0) {
		time_t ref = o->ref_us ? (time_t)(o->ref_us / US_PER_S) : time(NULL);
		struct tm tm;
		localtime_r(&ref, &tm);
		int ry = tm.tm_year + 1900, rm = tm.tm_mon + 1;
		y->year = ry;
		if (mon - rm > 6)
			y->year = ry - 1;
		else if (rm - mon > 6)
			y->year = ry + 1;
	} else if (mon < y->last_month && y->last_month - mon > 6) {
		y->year++;
	}
	y->last_month = mon;
	return y->year;
}

size_t tl_time_syslog(const struct tl_time_opts *o, struct tl_year_guess *y,
		      const char *p, size_t n, int64_t *t_us, unsigned *res_us)
{
	int mon, day, h, mi, s;
	long usec;
	if (n < 15)
		return 0;
	if (!(y->have_stamp && memcmp(p, y->stamp, 15) == 0)) {
		if (!(mon = tl_month(p, n)) || p[3] != ' ')
			return 0;
		if (p[4] == ' ' && p[5] >= '1' && p[5] <= '9')
			day = p[5] - '0';
		else if ((day = (int)digits(p + 4, n - 4, 2)) < 0)
			return 0;
		if (p[6] != ' ' || !hms(p + 7, n - 7, &h, &mi, &s))
			return 0;
		if (tl_civil_to_us(o, guess_year(o, y, mon), mon, day, h, mi, s, 0,
				   TL_NO_OFFSET, &y->stamp_us) < 0)
			return 0;
		memcpy(y->stamp, p, 15);
		y->have_stamp = 1;
	}
	size_t used = 15 + fraction(p + 15, n - 15, &usec, res_us);
	*t_us = y->stamp_us + usec;
	return used;
}

/* "+01:00", "+0100", "Z" at p: offset seconds, bytes used (0: none). */
static size_t utc_offset(const char *p, size_t n, int32_t *off)
{
	if (n >= 1 && p[0] == 'Z') {
		*off = 0;
		return 1;
	}
	if (n < 5 || (p[0] != '+' && p[0] != '-'))
		return 0;
	long hh = digits(p + 1, n - 1, 2), mm;
	size_t used;
	if (hh < 0)
		return 0;
	if (p[3] == ':') {
		mm = digits(p + 4, n - 4, 2);
		used = 6;
	} else {
		mm = digits(p + 3, n - 3, 2);
		used = 5;
	}
	if (mm < 0 || hh > 14 || mm > 59)
		return 0;
	*off = (int32_t)((hh * 3600 + mm * 60) * (p[0] == '-' ? -1 : 1));
	return used;
}

size_t tl_time_iso(const struct tl_time_opts *o, const char *p, size_t n,
		   int64_t *t_us, unsigned *res_us)
{
	long yy = digits(p, n, 4), mo, dd, usec;
	int h, mi, s;
	int32_t off = TL_NO_OFFSET;
	if (yy < 0 || n < 19 || p[4] != '-' || p[7] != '-' || (p[10] != 'T' && p[10] != ' '))
		return 0;
	mo = digits(p + 5, n - 5, 2);
	dd = digits(p + 8, n - 8, 2);
	if (mo < 0 || dd < 0 || !hms(p + 11, n - 11, &h, &mi, &s))
		return 0;
	size_t used = 19;
	used += fraction(p + used, n - used, &usec, res_us);
	used += utc_offset(p + used, n - used, &off);
	if (tl_civil_to_us(o, (int)yy, (int)mo, (int)dd, h, mi, s, usec, off, t_us) < 0)
		return 0;
	return used;
}

size_t tl_time_boinc(const struct tl_time_opts *o, const char *p, size_t n,
		     int64_t *t_us, unsigned *res_us)
{
	long dd = digits(p, n, 2), yy, usec;
	int mon, h, mi, s;
	if (dd < 0 || n < 20 || p[2] != '-' || p[6] != '-' || p[11] != ' ')
		return 0;
	if (!(mon = tl_month(p + 3, 3)) || (yy = digits(p + 7, 4, 4)) < 0 ||
	    !hms(p + 12, n - 12, &h, &mi, &s))
		return 0;
	size_t used = 20 + fraction(p + 20, n - 20, &usec, res_us);
	if (tl_civil_to_us(o, (int)yy, mon, (int)dd, h, mi, s, usec, TL_NO_OFFSET, t_us) < 0)
		return 0;
	return used;
}

size_t tl_time_epoch(const char *p, size_t n, int64_t *t_us, unsigned *res_us)
{
	size_t i = 0;
	int64_t sec = 0;
	long usec;
	while (i < n && p[i] >= '0' && p[i] <= '9') {
		if (i >= 11)
			return 0;	/* beyond year 5138: not an epoch */
		sec = sec * 10 + (p[i] - '0');
		i++;
	}
	if (i < 9)
		return 0;	/* before 1973: not an epoch stamp */
	size_t f = fraction(p + i, n - i, &usec, res_us);
	if (f == 0 && i + 1 < n && p[i] == '.' && p[i + 1] >= '0' && p[i + 1] <= '9')
		return 0;	/* a fraction too long to be a time */
	i += f;
	*t_us = sec * US_PER_S + usec;
	return i;
}

size_t tl_time_of_day(const char *p, size_t n, int64_t *day_us, unsigned *res_us)
{
	int h, m, s;
	long usec;
	if (!hms(p, n, &h, &m, &s))
		return 0;
	size_t used = 8 + fraction(p + 8, n - 8, &usec, res_us);
	*day_us = ((int64_t)h * 3600 + m * 60 + s) * US_PER_S + usec;
	return used;
}

void tl_time_format(const struct tl_time_opts *o, int64_t t_us, char *buf, size_t size)
{
	(void)o;
	int64_t sec = t_us >= 0 ? t_us / US_PER_S : (t_us - (US_PER_S - 1)) / US_PER_S;
	long usec = (long)(t_us - sec * US_PER_S);
	time_t t = (time_t)sec;
	struct tm tm;
	if (!localtime_r(&t, &tm)) {
		snprintf(buf, size, "?");
		return;
	}
	snprintf(buf, size, "%02d-%s-%04d %02d:%02d:%02d.%06ld", tm.tm_mday,
		 month_names[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		 tm.tm_sec, usec);
}

/* The zone every zone-less stamp is read in; an unknown name would make
 * glibc fall back to UTC silently, so it is checked against tzdata. */
int tl_time_use_zone(const char *tz)
{
	if (!tz)
		return 0;
	if (tz[0] != ':' && strcmp(tz, "UTC") != 0 && strcmp(tz, "GMT") != 0 &&
	    !strchr(tz, ',') && !(tz[0] >= 'A' && tz[0] <= 'Z' && strpbrk(tz, "0123456789+-") && !strchr(tz, '/'))) {
		char path[512];
		snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
		FILE *f = fopen(path, "rb");
		if (!f)
			return -1;
		fclose(f);
	}
	if (setenv("TZ", tz, 1) != 0)
		return -1;
	tzset();
	zone_generation++;
	return 0;
}

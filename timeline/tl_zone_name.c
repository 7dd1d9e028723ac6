/* tl_zone_name.c -- see tl_zone_name.h. */
#include "config.h"
#include <string.h>
#include <time.h>
#include "tl_zone_name.h"

#define US_PER_S 1000000LL

/* localtime of a stamp, and whether its zone is called z. */
static int zone_is(int64_t t_us, const char *z, size_t zn, struct tm *tm)
{
	time_t t = (time_t)(t_us >= 0 ? t_us / US_PER_S : (t_us - (US_PER_S - 1)) / US_PER_S);
	if (!localtime_r(&t, tm) || !tm->tm_zone)
		return 0;
	return strlen(tm->tm_zone) == zn && memcmp(tm->tm_zone, z, zn) == 0;
}

/* The local name first (a machine in UTC calls its zone "UTC" too), then
 * UTC/GMT, then the hour on the other side of a DST change. */
int tl_zone_name_apply(int64_t *t_us, const char *z, size_t zn)
{
	struct tm tm, other;
	if (zone_is(*t_us, z, zn, &tm))
		return 0;
	if ((zn == 3 && (memcmp(z, "UTC", 3) == 0 || memcmp(z, "GMT", 3) == 0))) {
		*t_us += (int64_t)tm.tm_gmtoff * US_PER_S;
		return 0;
	}
	for (int hours = -1; hours <= 1; hours += 2) {
		int64_t t = *t_us + hours * 3600 * US_PER_S;
		if (zone_is(t, z, zn, &other) && other.tm_hour == tm.tm_hour && other.tm_min == tm.tm_min) {
			*t_us = t;
			return 0;
		}
	}
	return -1;
}

/*
 * Time.  Records carry exact UTC microseconds; the human stamp uses the
 * UTC offset in force when the run started, read once here at load time
 * because localtime() takes a lock and must not run inside a wrapper.
 */
#include "config.h"

#include <time.h>

#include "nl_clock.h"

static long nl_offset;

/* Microseconds since the epoch (the vDSO makes this a few ns). */
int64_t
nl_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Seconds east of UTC at the start of the run. */
long
nl_utc_offset(void)
{
	return nl_offset;
}

/* Read the local UTC offset (constructor only). */
void
nl_clock_init(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) != NULL)
		nl_offset = tm.tm_gmtoff;
}

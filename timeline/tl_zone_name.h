/* tl_zone_name.h -- a local time printed with the name of its zone after
 * it, as journalctl -o short-full ("Thu 2026-11-26 20:30:19 CET") and
 * tshark's frame.time ("Nov 27, 2026 01:46:24.242632910 CET") write it.
 * The name is checked, not guessed from: names are ambiguous (IST, CST),
 * so the stamp is read in the zone of --tz and the name must agree. */
#ifndef TL_ZONE_NAME_H
#define TL_ZONE_NAME_H

#include <stddef.h>
#include <stdint.h>

/* *t_us was read as a local time in the process's zone (tl_time_*). The
 * name z (zn bytes) must be UTC or GMT (*t_us then reads the same civil
 * time as UTC), or the local zone's name at that time (the name of the
 * other side of a DST change picks the hour the change repeats). 0, or -1
 * when it is neither: the log was written in another zone than --tz. */
int tl_zone_name_apply(int64_t *t_us, const char *z, size_t zn);

#endif

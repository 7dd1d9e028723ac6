/* tl_tshark_values.h -- single values as `tshark -T fields` prints them
 * (Wireshark 4.0, checked against its output; older and newer spellings
 * where they are documented), for tl_fw_tshark_fields.c:
 *
 *   frame.time_epoch  1795740384.242632910
 *   frame.time        Nov 27, 2026 01:46:24.242632910 CET   (before 4.2: the
 *                     local zone's abbreviation; the day space-padded)
 *                     2026-11-27T01:46:24.242632910+0100    (ISO 8601, 4.2 on)
 *   frame.time_utc    Nov 27, 2026 00:46:24.242632910 UTC
 *   tcp.flags         0x0019                                (12 bits)
 *   tcp.flags.str     ·······AP··F   (U+00B7 for a clear bit; "RRRNCEUAPRSF",
 *                                     'A' for AE where older versions say 'N')
 *   ip.id             0x476d
 *
 * Each reader takes one whole field [p, end) and never reads past end. */
#ifndef TL_TSHARK_VALUES_H
#define TL_TSHARK_VALUES_H

#include <stdint.h>
#include "tl_segment.h"
#include "tl_time.h"

/* frame.time_epoch (or _ws.col.Time with -t e): seg->t_us, t_res_us; 0 or -1. */
int tl_tsv_epoch(const char *p, const char *end, struct tl_segment *seg);

/* frame.time / frame.time_utc in either spelling: 0, or -1 with *why set.
 * A zone abbreviation must be UTC/GMT or the one the zone of the options
 * has at that time (which also settles the hour a DST change repeats). */
int tl_tsv_abs_time(const struct tl_time_opts *o, const char *p, const char *end,
		    struct tl_segment *seg, const char **why);

/* "0x" and 1..8 hex digits, at most max; 0 or -1. */
int tl_tsv_hex(const char *p, const char *end, uint32_t max, uint32_t *v);

/* tcp.flags.str: the flag bits it shows (those of tl_segment); 0 or -1. */
int tl_tsv_flags_str(const char *p, const char *end, uint8_t *flags);

#endif

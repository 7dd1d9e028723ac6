/* tl_tshark_values.c -- tshark -T fields values (see the header). */
#include "config.h"
#include <string.h>
#include "tl_tshark_values.h"
#include "tl_zone_name.h"

#define US_PER_S 1000000LL

/* The whole field must be the stamp: "1795740384.2x" is no time. */
int tl_tsv_epoch(const char *p, const char *end, struct tl_segment *seg)
{
	size_t n = (size_t)(end - p);
	return n && tl_time_epoch(p, n, &seg->t_us, &seg->t_res_us) == n ? 0 : -1;
}

/* "Nov 27, 2026 01:46:24.242632910" (Wireshark's asctime-like form, day
 * space-padded), read in the zone of the options; the bytes used or 0. */
static size_t asctime_stamp(const struct tl_time_opts *o, const char *p, size_t n,
			    int64_t *t_us, unsigned *res_us)
{
	int mon = tl_month(p, n), day = 0, year = 0;
	size_t i = 4, day_start;
	int64_t day_us;
	if (!mon || n < 4 || p[3] != ' ')
		return 0;
	if (i < n && p[i] == ' ')
		i++;
	for (day_start = i; i < n && i - day_start < 2 && p[i] >= '0' && p[i] <= '9'; i++)
		day = day * 10 + (p[i] - '0');
	if (i == day_start || n - i < 8 || p[i] != ',' || p[i + 1] != ' ')
		return 0;
	size_t year_start = i + 2;	/* 4 digits and ' ' fit: n - i >= 8 */
	for (i = year_start; i < year_start + 4; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
		year = year * 10 + (p[i] - '0');
	}
	if (p[i] != ' ')
		return 0;
	size_t used = tl_time_of_day(p + i + 1, n - i - 1, &day_us, res_us);
	if (!used)
		return 0;
	long usec = (long)(day_us % US_PER_S);
	int64_t sec = day_us / US_PER_S;
	if (tl_civil_to_us(o, year, mon, day, (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60),
			   usec, TL_NO_OFFSET, t_us) < 0)
		return 0;
	return i + 1 + used;
}

/* ISO 8601 first (with an offset or Z it is complete), else the older
 * form; then " ZONE" when the stamp had no offset of its own. */
int tl_tsv_abs_time(const struct tl_time_opts *o, const char *p, const char *end,
		    struct tl_segment *seg, const char **why)
{
	size_t n = (size_t)(end - p), used = tl_time_iso(o, p, n, &seg->t_us, &seg->t_res_us);
	int has_offset = used > 19 && (memchr(p + 19, 'Z', used - 19) || memchr(p + 19, '+', used - 19) ||
				       memchr(p + 19, '-', used - 19));
	*why = "bad frame.time";
	if (!used && !(used = asctime_stamp(o, p, n, &seg->t_us, &seg->t_res_us)))
		return -1;
	if (used == n)
		return 0;
	const char *z = p + used + 1;
	if (has_offset || p[used] != ' ' || z == end || memchr(z, ' ', (size_t)(end - z)) ||
	    end - z > 16)
		return -1;
	if (tl_zone_name_apply(&seg->t_us, z, (size_t)(end - z)) < 0) {
		*why = "frame.time in a zone that is not --tz's: give --tz the zone tshark ran in";
		return -1;
	}
	return 0;
}

/* BASE_HEX fields (tcp.flags, ip.id): "0x" always, at most 8 digits so
 * that no value wraps. */
int tl_tsv_hex(const char *p, const char *end, uint32_t max, uint32_t *v)
{
	uint32_t x = 0;
	if (end - p < 3 || end - p > 10 || p[0] != '0' || (p[1] != 'x' && p[1] != 'X'))
		return -1;
	for (p += 2; p < end; p++) {
		char c = *p;
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
			   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
			   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
		if (d > 15)
			return -1;
		x = x * 16 + d;
	}
	if (x > max)
		return -1;
	*v = x;
	return 0;
}

/* Twelve places, the flag's letter or U+00B7 ("\xc2\xb7") each, highest
 * bit first; the letter must be the one of its place. */
int tl_tsv_flags_str(const char *p, const char *end, uint8_t *flags)
{
	static const char letters[] = "RRRNCEUAPRSF";
	unsigned bits = 0, i;
	for (i = 0; i < 12 && p < end; i++) {
		if (end - p >= 2 && p[0] == '\xc2' && p[1] == '\xb7') {
			p += 2;
			continue;
		}
		if (*p != letters[i] && !(i == 3 && *p == 'A'))
			return -1;
		bits |= 1u << (11 - i);
		p++;
	}
	if (i != 12 || p != end)
		return -1;
	*flags = (uint8_t)(bits & 0xff);
	return 0;
}

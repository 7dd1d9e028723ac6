/* tl_scan.c -- the bounded scanners of tl_scan.h. */
#include "config.h"
#include <string.h>
#include "tl_scan.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits into a 32-bit value; at most 10 digits and no overflow, because a
 * hostile line may carry any number of them (checked once, at the end). */
const char *tl_scan_u32(const char *p, const char *end, uint32_t *v)
{
	uint64_t acc = 0;
	const char *start = p, *stop = (end - p > 11) ? p + 11 : end;
	while (p < stop && is_digit(*p))
		acc = acc * 10 + (unsigned)(*p++ - '0');
	if (p == start || acc > UINT32_MAX || (p < end && is_digit(*p)))
		return NULL;	/* none, or more than 32 bits (12 digits are) */
	*v = (uint32_t)acc;
	return p;
}

/* Ports are u16 on the wire: anything larger is a broken line, not a port. */
const char *tl_scan_port(const char *p, const char *end, uint16_t *v)
{
	uint32_t x;
	p = tl_scan_u32(p, end, &x);
	if (!p || x > 65535)
		return NULL;
	*v = (uint16_t)x;
	return p;
}

/* Bytes that can be part of an address text (IPv4, IPv6, mapped IPv4). */
static int is_addr_char(char c)
{
	return is_digit(c) || c == '.' || c == ':' || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

/* A dotted quad in canonical form (four octets <= 255 without leading
 * zeros: what inet_ntop prints back) at p, read in the same pass that
 * finds its end; the end, or NULL for anything else. */
static const char *canonical_ipv4(const char *p, const char *end)
{
	unsigned dots = 0, digits = 0, value = 0;
	for (; p < end; p++) {
		char c = *p;
		if (is_digit(c)) {
			if (digits == 1 && value == 0)
				return NULL;	/* leading zero: let inet_pton judge */
			value = value * 10 + (unsigned)(c - '0');
			if (++digits > 3 || value > 255)
				return NULL;
		} else if (c == '.') {
			if (digits == 0 || dots == 3)
				return NULL;
			dots++;
			digits = value = 0;
		} else if (is_addr_char(c)) {
			return NULL;	/* IPv6 */
		} else {
			break;
		}
	}
	return dots == 3 && digits > 0 ? p : NULL;
}

/* Addresses are compared as text later, so each gets one spelling; the
 * common IPv4 case is checked by hand, the rest goes through inet_pton. */
const char *tl_scan_addr(const char *p, const char *end, char out[TL_ADDR_MAX])
{
	const char *q = canonical_ipv4(p, end);
	if (q) {
		memcpy(out, p, (size_t)(q - p));
		out[q - p] = '\0';
		return q;
	}
	for (q = p; q < end && is_addr_char(*q); q++)
		;
	size_t n = (size_t)(q - p);
	if (n == 0 || n >= TL_ADDR_MAX)
		return NULL;
	memcpy(out, p, n);
	out[n] = '\0';
	return tl_addr_normalise(out) == 0 ? q : NULL;
}

/* memmem finds the candidates; a hit inside a longer word ("MACSRC=" for
 * "SRC=") is passed over. */
const char *tl_scan_key(const char *p, const char *end, const char *key, size_t key_len)
{
	const char *start = p;
	while (p < end) {
		const char *hit = memmem(p, (size_t)(end - p), key, key_len);
		if (!hit)
			return NULL;
		if (hit == start || hit[-1] == ' ' || hit[-1] == '\t')
			return hit + key_len;
		p = hit + 1;
	}
	return NULL;
}

/* Word comparison without a NUL in the line. */
int tl_scan_word_is(const char *p, const char *end, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(end - p) == n && memcmp(p, word, n) == 0;
}

/* "[  731.911220]" (the kernel's printk stamp, journalctl -o
 * short-monotonic): seconds since boot, µs resolution or coarser. */
const char *tl_scan_uptime(const char *p, const char *end, int64_t *us, unsigned *res_us)
{
	uint32_t sec, frac = 0;
	const char *q, *f;
	if (p >= end || *p != '[' || !(q = tl_scan_u32(tl_scan_blanks(p + 1, end), end, &sec)))
		return NULL;
	*res_us = 1000000;
	if (q < end && *q == '.') {
		if (!(f = tl_scan_u32(q + 1, end, &frac)) || f - q - 1 > 6)
			return NULL;
		*res_us = 1;
		for (long digits = f - q - 1; digits < 6; digits++) {
			frac *= 10;
			*res_us *= 10;
		}
		q = f;
	}
	if (q >= end || *q != ']')
		return NULL;
	*us = (int64_t)sec * 1000000 + frac;
	return q + 1;
}

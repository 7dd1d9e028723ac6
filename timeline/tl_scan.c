/* tl_scan.c -- the bounded scanners of tl_scan.h. */
#include "config.h"
#include <string.h>
#include "tl_scan.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Digits into a 32-bit value; at most 10 digits and no overflow, because a
 * hostile line may carry any number of them. */
const char *tl_scan_u32(const char *p, const char *end, uint32_t *v)
{
	uint64_t acc = 0;
	const char *start = p;
	while (p < end && is_digit(*p)) {
		acc = acc * 10 + (unsigned)(*p - '0');
		if (acc > UINT32_MAX)
			return NULL;
		p++;
	}
	if (p == start)
		return NULL;
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

/* A canonical dotted quad: four decimal octets <= 255 without leading
 * zeros, exactly what inet_ntop would print back; 1 or 0. */
static int is_canonical_ipv4(const char *p, size_t n)
{
	unsigned octets = 0, digits = 0, value = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_digit(p[i])) {
			if (digits == 1 && value == 0)
				return 0;	/* leading zero: let inet_pton judge */
			value = value * 10 + (unsigned)(p[i] - '0');
			if (++digits > 3 || value > 255)
				return 0;
		} else if (p[i] == '.' && digits > 0 && octets < 3) {
			octets++;
			digits = value = 0;
		} else {
			return 0;
		}
	}
	return octets == 3 && digits > 0;
}

/* Addresses are compared as text later, so each gets one spelling; the
 * common IPv4 case is checked by hand, the rest goes through inet_pton. */
const char *tl_scan_addr(const char *p, const char *end, char out[TL_ADDR_MAX])
{
	const char *q = p;
	while (q < end && is_addr_char(*q))
		q++;
	size_t n = (size_t)(q - p);
	if (n == 0 || n >= TL_ADDR_MAX)
		return NULL;
	memcpy(out, p, n);
	out[n] = '\0';
	if (is_canonical_ipv4(p, n))
		return q;
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

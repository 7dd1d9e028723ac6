/* tl_scan.h -- small bounded scanners the line parsers share: blanks,
 * words, decimal numbers, ports, addresses, [uptime] stamps and KEY=value
 * fields.
 *
 * Log lines are not NUL-terminated, so every scanner takes the text as
 * [p, end) and returns where it stopped, or NULL when the text there is not
 * what was asked for. None reads at or past end, none allocates. */
#ifndef TL_SCAN_H
#define TL_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "tl_segment.h"

/* Past spaces and tabs (the column separators of every text log). */
static inline const char *tl_scan_blanks(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* To the next space or tab, or end: the end of the word at p. Eight bytes
 * at a time where it can (a byte-wise loop mispredicts its exit on every
 * word, and a LOG line has thirty words): a byte equal to ' ' or '\t' turns
 * zero after the XOR, and the lowest zero byte is the first hit. */
static inline const char *tl_scan_word_end(const char *p, const char *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	while (end - p >= 8) {
		uint64_t w, sp, tab;
		memcpy(&w, p, 8);
		sp = w ^ 0x2020202020202020ull;
		tab = w ^ 0x0909090909090909ull;
		uint64_t hit = (((sp - ones) & ~sp) | ((tab - ones) & ~tab)) & highs;
		if (hit)
			return p + (__builtin_ctzll(hit) >> 3);
		p += 8;
	}
#endif
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	return p;
}

/* Decimal digits at p into *v; NULL if there is no digit or the value
 * does not fit 32 bits (so "99999999999" is refused, not wrapped). */
const char *tl_scan_u32(const char *p, const char *end, uint32_t *v);

/* A TCP/UDP port: decimal 0..65535, else NULL. */
const char *tl_scan_port(const char *p, const char *end, uint16_t *v);

/* An IPv4 or IPv6 address at p (it ends at the first byte that cannot be
 * part of one), copied into out normalised like tl_addr_normalise; NULL if
 * it is no address. Dotted quads already in canonical form are taken as
 * they are, without inet_pton/inet_ntop (the hot case). */
const char *tl_scan_addr(const char *p, const char *end, char out[TL_ADDR_MAX]);

/* "[  731.911220]" at p: seconds since boot (printk, journalctl -o
 * short-monotonic) into *us and the resolution; past the ']', or NULL. */
const char *tl_scan_uptime(const char *p, const char *end, int64_t *us, unsigned *res_us);

/* The first "key" (e.g. "SRC=") in [p, end) that starts a word (at p or
 * after a space or tab); returns the byte after it, or NULL. */
const char *tl_scan_key(const char *p, const char *end, const char *key, size_t key_len);

/* 1 if the word [p, end) equals the NUL-terminated text word. */
int tl_scan_word_is(const char *p, const char *end, const char *word);

#endif

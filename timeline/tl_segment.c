/* tl_segment.c -- printing a segment's flags and normalising addresses,
 * shared by every parser and every output. */
#include "config.h"
#include <arpa/inet.h>
#include <string.h>
#include "tl_segment.h"

/* The LOG target's words, in the kernel's order (CWR ECE URG ACK PSH RST SYN FIN). */
const char *tl_flags_words(uint8_t flags, char *buf, unsigned size)
{
	static const struct { uint8_t bit; const char *word; } order[] = {
		{ TL_CWR, "CWR" }, { TL_ECE, "ECE" }, { TL_URG, "URG" }, { TL_ACK, "ACK" },
		{ TL_PSH, "PSH" }, { TL_RST, "RST" }, { TL_SYN, "SYN" }, { TL_FIN, "FIN" },
	};
	size_t used = 0;
	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (unsigned i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (!(flags & order[i].bit))
			continue;
		size_t w = strlen(order[i].word) + (used ? 1 : 0);
		if (used + w + 1 > size)
			break;
		if (used)
			buf[used++] = ' ';
		memcpy(buf + used, order[i].word, strlen(order[i].word) + 1);
		used += strlen(order[i].word);
	}
	if (used == 0 && size > 4)
		memcpy(buf, "none", 5);
	return buf;
}

/* tcpdump's letters: S F P R U W E, then '.' for ACK. */
const char *tl_flags_letters(uint8_t flags, char *buf, unsigned size)
{
	static const struct { uint8_t bit; char letter; } order[] = {
		{ TL_SYN, 'S' }, { TL_FIN, 'F' }, { TL_PSH, 'P' }, { TL_RST, 'R' },
		{ TL_URG, 'U' }, { TL_CWR, 'W' }, { TL_ECE, 'E' }, { TL_ACK, '.' },
	};
	unsigned used = 0;
	if (size == 0)
		return buf;
	for (unsigned i = 0; i < sizeof order / sizeof order[0] && used + 1 < size; i++)
		if (flags & order[i].bit)
			buf[used++] = order[i].letter;
	buf[used] = '\0';
	return buf;
}

/* One spelling per address, so that joins compare text safely. */
int tl_addr_normalise(char *addr)
{
	unsigned char bin[16];
	char out[TL_ADDR_MAX];
	int family = strchr(addr, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(family, addr, bin) != 1)
		return -1;
	if (!inet_ntop(family, bin, out, sizeof out))
		return -1;
	memcpy(addr, out, strlen(out) + 1);
	return 0;
}

/* tl_fw_tshark.c -- tshark's default one-line summary:
 *
 *   129 2026-11-26 20:30:23.654955 198.51.100.20 → 203.0.113.1  TCP 226
 *       [TCP Retransmission] 80 → 45332 [FIN, PSH, ACK] Seq=65 Ack=96 Win=65536 Len=160 ...
 *
 * Columns: number, time, source, destination, protocol, length, info. The
 * arrow is U+2192 in current versions and "->" in older ones; the ports
 * are joined by the same arrow (">" in 1.x). Times: -t ad (date and time, local zone), -t e (epoch), -t a
 * (time of day: on the reference date, as tcpdump's default); the default
 * -t r and the deltas -t d/dd are relative and refused. A line whose
 * protocol column is not TCP (HTTP carrying data, UDP, ...) is skipped:
 * tshark puts no TCP fields in its summary. The label is the first
 * bracketed expert note ("TCP Retransmission", "TCP Dup ACK 12#1").
 * Seq/Ack are relative by default (tl_seq_guess_relative). */
#include "config.h"
#include <string.h>
#include "tl_fw.h"
#include "tl_scan.h"
#include "tl_tcpdump_syntax.h"

/* "→" (UTF-8 e2 86 92), "->" or ">": past it and the blanks, or NULL. */
static const char *past_arrow(const char *p, const char *end)
{
	size_t n = (size_t)(end - p);
	if (n >= 3 && memcmp(p, "\xe2\x86\x92", 3) == 0)
		p += 3;
	else if (n >= 2 && memcmp(p, "->", 2) == 0)
		p += 2;
	else if (n >= 1 && *p == '>')
		p += 1;
	else
		return NULL;
	if (p >= end || *p != ' ')
		return NULL;
	return tl_scan_blanks(p, end);
}

/* The columns up to the info, located by shape. */
struct summary {
	const char *time, *src, *src_end, *dst, *dst_end, *proto, *proto_end, *info;
};

/* "  129 <time> <src> → <dst> <proto> <length> ": 0 and *s, or -1. The
 * time is a single word, or two for -t ad ("2026-11-26 20:30:23.6"). */
static int columns(const char *p, const char *end, struct summary *s)
{
	uint32_t number;
	p = tl_scan_blanks(p, end);
	const char *q = tl_scan_u32(p, end, &number);
	if (!q || q >= end || *q != ' ')
		return -1;
	s->time = tl_scan_blanks(q, end);
	p = tl_scan_word_end(s->time, end);
	if (p - s->time == 10 && s->time[4] == '-')	/* a date: the time follows */
		p = tl_scan_word_end(tl_scan_blanks(p, end), end);
	s->src = tl_scan_blanks(p, end);
	s->src_end = tl_scan_word_end(s->src, end);
	if (s->src_end == s->src || s->src_end >= end)
		return -1;
	if (!(p = past_arrow(tl_scan_blanks(s->src_end, end), end)))
		return -1;
	s->dst = p;
	s->dst_end = tl_scan_word_end(p, end);
	s->proto = tl_scan_blanks(s->dst_end, end);
	s->proto_end = tl_scan_word_end(s->proto, end);
	p = tl_scan_blanks(s->proto_end, end);
	if (s->dst_end == s->dst || s->proto_end == s->proto || !(q = tl_scan_u32(p, end, &number)))
		return -1;
	s->info = tl_scan_blanks(q, end);
	return q < end && *q != ' ' ? -1 : 0;
}

/* One flag word of "[FIN, PSH, ACK]" ("<None>" for none; "ECN" is the
 * older name of ECE; NS/AE and Reserved have no bit here). */
static int flag_word(const char *p, const char *e, uint8_t *flags)
{
#define WORD(w, bit) { w, sizeof w - 1, bit }
	static const struct { const char *word; size_t len; uint8_t bit; } words[] = {
		WORD("FIN", TL_FIN), WORD("SYN", TL_SYN), WORD("RST", TL_RST), WORD("PSH", TL_PSH),
		WORD("ACK", TL_ACK), WORD("URG", TL_URG), WORD("ECE", TL_ECE), WORD("ECN", TL_ECE),
		WORD("CWR", TL_CWR), WORD("NS", 0), WORD("AE", 0), WORD("Reserved", 0),
		WORD("<None>", 0),
	};
#undef WORD
	size_t n = (size_t)(e - p);
	for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++)
		if (n == words[i].len && memcmp(p, words[i].word, n) == 0) {
			*flags |= words[i].bit;
			return 0;
		}
	return -1;
}

/* "[FIN, PSH, ACK]" at p (after '['), up to close. */
static int flag_list(const char *p, const char *close, uint8_t *flags)
{
	while (p < close) {
		const char *comma = memchr(p, ',', (size_t)(close - p));
		const char *e = comma ? comma : close;
		if (flag_word(p, e, flags) < 0)
			return -1;
		p = comma ? tl_scan_blanks(comma + 1, close) : close;
	}
	return 0;
}

/* "Seq=65 Ack=96 Win=65536 Len=160 TSval=..": the ones a segment keeps. */
static enum tl_parse fields(struct tl_fw_state *st, const char *p, const char *end,
			    struct tl_segment *seg)
{
	while (p < end) {
		const char *w = p, *we = tl_scan_word_end(p, end);
		const char *eq = memchr(w, '=', (size_t)(we - w));
		uint32_t *v = NULL;
		uint8_t *has = NULL;
		if (eq && TL_IS_WORD(w, eq, "Seq"))
			v = &seg->seq, has = &seg->has_seq;
		else if (eq && TL_IS_WORD(w, eq, "Ack"))
			v = &seg->ack, has = &seg->has_ack;
		else if (eq && TL_IS_WORD(w, eq, "Len"))
			v = &seg->len, has = &seg->has_len;
		if (v) {
			if (tl_u32_text(eq + 1, we, v) < 0)
				return tl_fw_bad(st, "bad Seq/Ack/Len number");
			*has = 1;
		}
		p = tl_scan_blanks(we, end);
	}
	return TL_PARSE_SEGMENT;
}

/* The info of a TCP line: "[notes] sport → dport [FLAGS] Seq=.. Ack=..". */
static enum tl_parse info(struct tl_fw_state *st, const char *p, const char *end,
			  struct tl_segment *seg)
{
	while (p < end && *p == '[') {
		const char *close = memchr(p, ']', (size_t)(end - p));
		if (!close)
			return tl_fw_bad(st, "unterminated [expert note]");
		if (!seg->label[0])
			tl_label_add(seg, p + 1, close);
		p = tl_scan_blanks(close + 1, end);
	}
	const char *sport_end = tl_scan_word_end(p, end);
	if (tl_port_text(p, sport_end, &seg->sport) < 0)
		return tl_fw_bad(st, "bad source port");
	if (!(p = past_arrow(tl_scan_blanks(sport_end, end), end)))
		return tl_fw_bad(st, "no arrow between the ports");
	const char *dport_end = tl_scan_word_end(p, end);
	if (tl_port_text(p, dport_end, &seg->dport) < 0)
		return tl_fw_bad(st, "bad destination port");
	p = tl_scan_blanks(dport_end, end);
	const char *close = p < end && *p == '[' ? memchr(p, ']', (size_t)(end - p)) : NULL;
	if (!close || flag_list(p + 1, close, &seg->flags) < 0)
		return tl_fw_bad(st, "bad [TCP flags]");
	seg->has_flags = 1;
	enum tl_parse r = fields(st, tl_scan_blanks(close + 1, end), end, seg);
	if (r == TL_PARSE_SEGMENT)
		tl_seq_guess_relative(seg);
	return r;
}

/* The summary's shape, with a time stamp of any -t form in its place. */
static int sniff(const char *line, size_t len)
{
	struct summary s;
	const char *end = line + len;
	if (columns(line, end, &s) < 0 || s.time >= end || s.time[0] < '0' || s.time[0] > '9')
		return 0;
	char ignored[TL_ADDR_MAX];
	return tl_addr_text(s.src, s.src_end, ignored) == 0 &&
	       tl_addr_text(s.dst, s.dst_end, ignored) == 0;
}

/* Columns by shape, then the time (only absolute forms), then TCP's info. */
static enum tl_parse parse(struct tl_fw_state *st, const char *line, size_t len,
			   struct tl_segment *seg)
{
	const char *end = tl_fw_line_end(seg, line, len);
	struct summary s;
	if (columns(line, end, &s) < 0) {
		if (tl_scan_blanks(line, end) == end)
			return TL_PARSE_SKIP;
		return tl_fw_bad(st, "not a tshark summary line");
	}
	const char *t = s.time;
	int stamp = tl_td_stamp(st, &t, end, TL_TD_TOD_DAY, seg);
	if (stamp < 0)
		return TL_PARSE_BAD;
	if (stamp == 0 || t != s.src)
		return tl_fw_bad(st, "no absolute time (tshark -t r/d/dd?): print with -t ad or -t e");
	if (!TL_IS_WORD(s.proto, s.proto_end, "TCP"))
		return TL_PARSE_SKIP;
	if (tl_addr_text(s.src, s.src_end, seg->src) < 0 ||
	    tl_addr_text(s.dst, s.dst_end, seg->dst) < 0)
		return tl_fw_bad(st, "bad address");
	return info(st, s.info, end, seg);
}

const struct tl_fw_format tl_fw_tshark = {
	"tshark",
	"tshark summary lines (-n, with -t ad or -t e)",
	sniff, parse
};

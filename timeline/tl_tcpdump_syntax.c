/* tl_tcpdump_syntax.c -- tcpdump's packet text and time stamps (see the
 * header for the forms), read in one forward pass without copies. */
#include "config.h"
#include <string.h>
#include <time.h>
#include "tl_scan.h"
#include "tl_tcpdump_syntax.h"

#define US_PER_S 1000000LL
#define HALF_DAY_US (12LL * 3600 * US_PER_S)

/* Every parser wants a clean segment and a line without its CR. */
const char *tl_fw_line_end(struct tl_segment *seg, const char *line, size_t len)
{
	const char *end = line + len;
	memset(seg, 0, sizeof *seg);
	while (end > line && end[-1] == '\r')
		end--;
	return end;
}

/* The flag letters of every source that writes them as letters; the bit
 * for each, 0 for a letter that is known but has no bit here. */
static int flag_bit(char c, uint8_t *bit)
{
	switch (c) {
	case 'S': *bit = TL_SYN; return 0;
	case 'F': *bit = TL_FIN; return 0;
	case 'R': *bit = TL_RST; return 0;
	case 'P': *bit = TL_PSH; return 0;
	case 'U': *bit = TL_URG; return 0;
	case 'E': *bit = TL_ECE; return 0;
	case 'W': case 'C': *bit = TL_CWR; return 0;
	case 'A': case '.': *bit = TL_ACK; return 0;
	case 'e': *bit = 0; return 0;	/* AE (accurate ECN), no bit in tl_segment */
	default: return -1;
	}
}

/* Letters to bits; a stray byte makes the whole field suspect. */
int tl_flag_letters(const char *p, const char *end, uint8_t *flags)
{
	uint8_t f = 0, bit;
	for (; p < end; p++) {
		if (flag_bit(*p, &bit) < 0)
			return -1;
		f |= bit;
	}
	*flags = f;
	return 0;
}

/* Without -n, tcpdump and tshark print service names; only the HTTP ones
 * matter for BOINC, and guessing the others would be wrong. */
int tl_port_text(const char *p, const char *end, uint16_t *port)
{
	static const struct { const char *name; uint16_t port; } names[] = {
		{ "http", 80 }, { "www", 80 }, { "https", 443 }, { "http-alt", 8080 },
	};
	const char *q = tl_scan_port(p, end, port);
	if (q)
		return q == end ? 0 : -1;
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		if (tl_scan_word_is(p, end, names[i].name)) {
			*port = names[i].port;
			return 0;
		}
	return -1;
}

/* tl_scan_addr stops at the first byte that is no address byte; a field
 * holds nothing else, so the stop must be the field's end. */
int tl_addr_text(const char *p, const char *end, char out[TL_ADDR_MAX])
{
	const char *q = tl_scan_addr(p, end, out);
	return q && q == end ? 0 : -1;
}

/* Whole-field numbers (CSV and column values). */
int tl_u32_text(const char *p, const char *end, uint32_t *v)
{
	const char *q = tl_scan_u32(p, end, v);
	return q && q == end ? 0 : -1;
}

/* Labels are printed later: control bytes of a hostile line become '?'. */
void tl_label_add(struct tl_segment *seg, const char *p, const char *end)
{
	size_t used = strlen(seg->label);
	if (used && used + 1 < sizeof seg->label)
		seg->label[used++] = ' ';
	for (; p < end && used + 1 < sizeof seg->label; p++)
		seg->label[used++] = ((unsigned char)*p < 0x20 || *p == 0x7f) ? '?' : *p;
	seg->label[used] = '\0';
}

/* pf names its actions the same in both logs that print them. */
void tl_pf_action(struct tl_segment *seg, const char *action, const char *action_end,
		  const char *dir, const char *dir_end, const char *ifname, const char *ifname_end)
{
	static const char on[] = "on";
	tl_label_add(seg, action, action_end);
	tl_label_add(seg, dir, dir_end);
	tl_label_add(seg, on, on + 2);
	tl_label_add(seg, ifname, ifname_end);
	if (TL_IS_WORD(action, action_end, "block"))
		seg->verdict = TL_VERDICT_DROPPED;
	else if (TL_IS_WORD(action, action_end, "pass"))
		seg->verdict = TL_VERDICT_PASSED;
}

/* See the header: the threshold and its odds. */
void tl_seq_guess_relative(struct tl_segment *seg)
{
	if ((seg->has_seq && seg->seq <= 1000000) || (seg->has_ack && seg->ack <= 1000000))
		seg->seq_relative = 1;
}

/* The local calendar date of a time, for stamps that carry none. */
static void local_date(int64_t t_us, int *y, int *m, int *d)
{
	time_t t = (time_t)(t_us >= 0 ? t_us / US_PER_S : (t_us - (US_PER_S - 1)) / US_PER_S);
	struct tm tm;
	if (!localtime_r(&t, &tm)) {
		*y = *m = *d = 0;	/* tl_civil_to_us refuses it */
		return;
	}
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

/* A time of day without a date (tcpdump's default, tshark -t a) is placed
 * on the date of the previous stamp, or, for the first, of the reference
 * time (the traces) -- in the zone of the options. When it goes back by
 * more than half a day, the capture crossed midnight: the next date. */
static int time_of_day_on_date(struct tl_fw_state *st, int64_t day_us, int64_t *t_us)
{
	int64_t ref = st->have_last_t ? st->last_t_us
			       : st->time->ref_us ? st->time->ref_us : (int64_t)time(NULL) * US_PER_S;
	int h = (int)(day_us / (3600 * US_PER_S)), mi = (int)(day_us / (60 * US_PER_S) % 60);
	int s = (int)(day_us / US_PER_S % 60), y, m, d;
	long us = (long)(day_us % US_PER_S);
	local_date(ref, &y, &m, &d);
	if (tl_civil_to_us(st->time, y, m, d, h, mi, s, us, TL_NO_OFFSET, t_us) < 0)
		return -1;
	if (st->have_last_t && *t_us < st->last_t_us - HALF_DAY_US) {
		local_date(st->last_t_us + HALF_DAY_US, &y, &m, &d);
		if (tl_civil_to_us(st->time, y, m, d, h, mi, s, us, TL_NO_OFFSET, t_us) < 0)
			return -1;
	}
	return 0;
}

/* A time-only stamp: a delta (pf's -ttt, or a file that started with
 * 00:00:00.000000) or a time of day. Deltas need the absolute time of an
 * earlier -tttt line; without one the line is refused, never guessed. */
static int time_only(struct tl_fw_state *st, int64_t day_us, enum tl_td_tod tod, int64_t *t_us)
{
	if (tod == TL_TD_TOD_AUTO && !st->have_last_t && day_us == 0)
		st->td_deltas = 1;
	if (tod == TL_TD_TOD_DELTA || (tod == TL_TD_TOD_AUTO && st->td_deltas)) {
		if (!st->have_last_t) {
			st->error = "tcpdump -ttt deltas have no absolute time: print with -tttt";
			return -1;
		}
		*t_us = st->last_t_us + day_us;
		return 0;
	}
	if (time_of_day_on_date(st, day_us, t_us) < 0) {
		st->error = "time of day on a date that does not exist";
		return -1;
	}
	return 0;
}

/* One reader for every -t form, so pf logs and tcpdump text agree on
 * what a stamp means and share the -ttt anchor rules. */
int tl_td_stamp(struct tl_fw_state *st, const char **pp, const char *end,
		enum tl_td_tod tod, struct tl_segment *seg)
{
	const char *p = *pp;
	size_t n = (size_t)(end - p), used;
	int64_t t, day_us = 0;
	unsigned res;
	int absolute = 1;
	if (!(used = tl_time_iso(st->time, p, n, &t, &res)) &&
	    !(used = tl_time_syslog(st->time, &st->year, p, n, &t, &res)) &&
	    !(used = tl_time_epoch(p, n, &t, &res))) {
		if (!(used = tl_time_of_day(p, n, &day_us, &res)))
			return 0;
		absolute = 0;
	}
	if (used >= n || (p[used] != ' ' && p[used] != '\t'))
		return 0;
	if (!absolute && time_only(st, day_us, tod, &t) < 0)
		return -1;
	st->last_t_us = t;
	st->have_last_t = 1;
	seg->t_us = t;
	seg->t_res_us = res;
	*pp = tl_scan_blanks(p + used, end);
	return 1;
}

enum syntax { NOT_TCP, NEW_SYNTAX, OLD_SYNTAX };

/* Is the text after "src > dst: " a TCP header, and in which syntax?
 * 4.x: "Flags [..]"; 3.x/OpenBSD: flag letters or '.', then a sequence
 * range, "ack", "win", "urg", options or nothing. Anything else (UDP's
 * "UDP, length 20", DNS, "ICMP echo request") is another protocol. */
static enum syntax tcp_syntax(const char *p, const char *end)
{
	if ((size_t)(end - p) >= 7 && memcmp(p, "Flags [", 7) == 0)
		return NEW_SYNTAX;
	const char *w = tl_scan_word_end(p, end);
	uint8_t flags;
	if (w == p || w - p > 8 || tl_flag_letters(p, w, &flags) < 0)
		return NOT_TCP;
	if (w == end)
		return OLD_SYNTAX;
	const char *q = w + 1;
	size_t left = (size_t)(end - q);
	if (left && ((*q >= '0' && *q <= '9') || *q == '<' || *q == '['))
		return OLD_SYNTAX;
	if (left >= 4 && (memcmp(q, "ack ", 4) == 0 || memcmp(q, "win ", 4) == 0 ||
			  memcmp(q, "urg ", 4) == 0))
		return OLD_SYNTAX;
	return NOT_TCP;
}

/* "198.51.100.20.80" or "2001:db8::1.80": the port follows the last dot. */
static int endpoint(const char *p, const char *end, char addr[TL_ADDR_MAX], uint16_t *port)
{
	const char *dot = memrchr(p, '.', (size_t)(end - p));
	if (!dot || tl_port_text(dot + 1, end, port) < 0)
		return -1;
	return tl_addr_text(p, dot, addr);
}

/* After a keyword: one blank and a number; NULL if not. */
static const char *number_after(const char *p, const char *end, uint32_t *v)
{
	if (p >= end || *p != ' ')
		return NULL;
	return tl_scan_u32(p + 1, end, v);
}

/* Past a bracketed group starting at p ('[' .. ']' or '<' .. '>'), or
 * NULL if it never closes. Options hold no nested group of their kind. */
static const char *past_group(const char *p, const char *end, char close)
{
	const char *q = memchr(p, close, (size_t)(end - p));
	return q ? q + 1 : NULL;
}

/* Past one unknown ", item" of the 4.x syntax (e.g. "cksum 0x1 (correct)"):
 * to the next comma outside brackets and parentheses. */
static const char *past_item(const char *p, const char *end)
{
	int depth = 0;
	for (; p < end; p++) {
		if (*p == '[' || *p == '(')
			depth++;
		else if ((*p == ']' || *p == ')') && depth > 0)
			depth--;
		else if (*p == ',' && depth == 0)
			return p;
	}
	return p;
}

/* "Flags [FP.], seq 65:225, ack 96, win 64, options [...], length 160";
 * the length is the payload's, and the last item tcpdump prints. */
static enum tl_parse new_syntax(struct tl_fw_state *st, const char *p, const char *end,
				struct tl_segment *seg)
{
	const char *close = memchr(p + 7, ']', (size_t)(end - (p + 7)));
	uint32_t seq_end, ignored;
	if (!close)
		return tl_fw_bad(st, "unterminated \"Flags [\"");
	if (!TL_IS_WORD(p + 7, close, "none") && tl_flag_letters(p + 7, close, &seg->flags) < 0)
		return tl_fw_bad(st, "unknown TCP flag letter");
	seg->has_flags = 1;
	for (p = close + 1; end - p >= 2 && p[0] == ',' && p[1] == ' ';) {
		const char *w = p + 2, *we = tl_scan_word_end(w, end);
		if (TL_IS_WORD(w, we, "seq")) {
			if (!(p = number_after(we, end, &seg->seq)))
				return tl_fw_bad(st, "bad seq");
			seg->has_seq = 1;
			if (p < end && *p == ':' && !(p = tl_scan_u32(p + 1, end, &seq_end)))
				return tl_fw_bad(st, "bad seq range");
		} else if (TL_IS_WORD(w, we, "ack")) {
			if (!(p = number_after(we, end, &seg->ack)))
				return tl_fw_bad(st, "bad ack");
			seg->has_ack = 1;
		} else if (TL_IS_WORD(w, we, "win") || TL_IS_WORD(w, we, "urg")) {
			if (!(p = number_after(we, end, &ignored)))
				return tl_fw_bad(st, "bad win/urg");
		} else if (TL_IS_WORD(w, we, "length")) {
			if (!(p = number_after(we, end, &seg->len)))
				return tl_fw_bad(st, "bad length");
			seg->has_len = 1;
			break;	/* what follows is the payload's own dissection */
		} else if (TL_IS_WORD(w, we, "options") && we + 1 < end && we[1] == '[') {
			if (!(p = past_group(we + 1, end, ']')))
				return tl_fw_bad(st, "unterminated options");
		} else {
			p = past_item(w, end);
		}
	}
	if (!seg->has_len)	/* tcpdump always ends with it: the line was cut */
		return tl_fw_bad(st, "no \"length N\" (line cut short?)");
	return TL_PARSE_SEGMENT;
}

/* "FP 65:225(160) ack 96 win 64 <nop,nop,timestamp 1 2> (DF)": '.' means
 * none of S F R P; ACK and URG show as their fields. No sequence range
 * means no data (tcpdump prints it whenever there is); "win" is always
 * there. */
static enum tl_parse old_syntax(struct tl_fw_state *st, const char *p, const char *end,
				struct tl_segment *seg)
{
	const char *w = tl_scan_word_end(p, end);
	uint32_t seq_end, ignored;
	int have_win = 0;
	(void)tl_flag_letters(p, w, &seg->flags);	/* checked by tcp_syntax */
	seg->flags &= (uint8_t)~TL_ACK;
	seg->has_flags = 1;
	for (p = w; p < end && *p == ' ';) {
		const char *item = p + 1, *we = tl_scan_word_end(item, end);
		if (item < end && *item >= '0' && *item <= '9') {
			const char *q = tl_scan_u32(item, end, &seg->seq);
			if (!q || q >= end || *q != ':' || !(q = tl_scan_u32(q + 1, end, &seq_end)) ||
			    q >= end || *q != '(' || !(q = tl_scan_u32(q + 1, end, &seg->len)) ||
			    q >= end || *q != ')')
				return tl_fw_bad(st, "bad sequence range");
			seg->has_seq = seg->has_len = 1;
			p = q + 1;
		} else if (TL_IS_WORD(item, we, "ack")) {
			if (!(p = number_after(we, end, &seg->ack)))
				return tl_fw_bad(st, "bad ack");
			seg->has_ack = 1;
			seg->flags |= TL_ACK;
		} else if (TL_IS_WORD(item, we, "urg")) {
			if (!(p = number_after(we, end, &ignored)))
				return tl_fw_bad(st, "bad urg");
			seg->flags |= TL_URG;
		} else if (TL_IS_WORD(item, we, "win")) {
			if (!(p = number_after(we, end, &ignored)))
				return tl_fw_bad(st, "bad win");
			have_win = 1;
		} else if (item < end && *item == '<') {
			if (!(p = past_group(item, end, '>')))
				return tl_fw_bad(st, "unterminated options");
		} else {
			break;	/* "(DF)", "[tos 0x10]", "[|tcp]": nothing we need */
		}
	}
	if (!have_win)	/* printed for every segment: the line was cut */
		return tl_fw_bad(st, "no \"win N\" (line cut short?)");
	if (!seg->has_len) {
		seg->len = 0;
		seg->has_len = 1;
	}
	return TL_PARSE_SEGMENT;
}

/* The protocol is decided before the addresses are read, so that a UDP
 * or ICMP line is skipped rather than refused for its port-less form. */
enum tl_parse tl_td_packet(struct tl_fw_state *st, const char *p, const char *end,
			   struct tl_segment *seg)
{
	const char *src = p, *src_end = tl_scan_word_end(p, end);
	if (end - src_end < 3 || memcmp(src_end, " > ", 3) != 0)
		return tl_fw_bad(st, "no \" > \" between the addresses");
	const char *dst = src_end + 3, *dst_end = tl_scan_word_end(dst, end);
	if (dst_end == dst || dst_end[-1] != ':')
		return tl_fw_bad(st, "no ':' after the destination");
	const char *body = dst_end < end ? dst_end + 1 : end;
	if (body == end)
		return tl_fw_bad(st, "nothing after the addresses");
	enum syntax syntax = tcp_syntax(body, end);
	if (syntax == NOT_TCP)
		return TL_PARSE_SKIP;
	if (endpoint(src, src_end, seg->src, &seg->sport) < 0)
		return tl_fw_bad(st, "bad source address.port");
	if (endpoint(dst, dst_end - 1, seg->dst, &seg->dport) < 0)
		return tl_fw_bad(st, "bad destination address.port");
	enum tl_parse r = syntax == NEW_SYNTAX ? new_syntax(st, body, end, seg)
					       : old_syntax(st, body, end, seg);
	if (r == TL_PARSE_SEGMENT)
		tl_seq_guess_relative(seg);
	return r;
}

/* tl_fw_conntrack.c -- `conntrack -E -o timestamp[,id,extended]` events:
 *
 *   [1795725021.075132]	 [UPDATE] tcp      6 1 CLOSE_WAIT src=192.0.2.10
 *     dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1
 *     sport=80 dport=45348 [ASSURED] id=4117625027
 *
 * (one line; notes B.8, conntrack(8)). The event is no segment: it says what
 * the gateway's connection tracking knew of the flow, and when; the reply
 * tuple says how NAT rewrote it (its dst is the WAN address, its dport the
 * port the server saw). */
#include "config.h"
#include <string.h>
#include "tl_fw.h"
#include "tl_scan.h"

/* The event word inside "[NEW]", "[UPDATE]", "[DESTROY]"; its length, or 0. */
static size_t event_len(const char *p, const char *end)
{
	static const char *const events[] = { "[NEW]", "[UPDATE]", "[DESTROY]" };
	for (unsigned i = 0; i < sizeof events / sizeof events[0]; i++) {
		size_t n = strlen(events[i]);
		if ((size_t)(end - p) >= n && memcmp(p, events[i], n) == 0)
			return n;
	}
	return 0;
}

/* "[1795725021.025799]" at p: the time, and the byte after ']'; NULL if
 * the line does not start with one. */
static const char *stamp(const char *p, const char *end, int64_t *t_us, unsigned *res_us)
{
	if (p >= end || *p != '[')
		return NULL;
	size_t n = tl_time_epoch(p + 1, (size_t)(end - p - 1), t_us, res_us);
	if (n == 0 || p + 1 + n >= end || p[1 + n] != ']')
		return NULL;
	return p + 2 + n;
}

/* Claims "[epoch]<TAB>[EVENT]" lines, and "[EVENT]" lines without a stamp
 * too, so that they are reported as needing -o timestamp. */
static int sniff(const char *line, size_t len)
{
	const char *end = line + len, *p;
	int64_t t;
	unsigned res;
	p = stamp(line, end, &t, &res);
	p = tl_scan_blanks(p ? p : line, end);
	return event_len(p, end) > 0;
}

/* Digits only, as a word: the protocol number, the timeout. */
static int is_number_word(const char *p, const char *end)
{
	const char *e = tl_scan_word_end(p, end);
	if (e == p)
		return 0;
	for (; p < e; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/* The tuples: the first src=/dst=/sport=/dport= are the original
 * direction, the second the reply; [ASSURED], id=, mark= and the like
 * are passed over. */
static enum tl_parse tuples(struct tl_fw_state *st, const char *p, const char *end,
			    struct tl_segment *seg)
{
	char reply_src[TL_ADDR_MAX];
	unsigned n_src = 0, n_dst = 0, n_sport = 0, n_dport = 0;
	uint16_t port;
	while ((p = tl_scan_blanks(p, end)) < end) {
		const char *e = tl_scan_word_end(p, end), *v = NULL;
		if (e - p > 4 && memcmp(p, "src=", 4) == 0 && n_src < 2) {
			v = tl_scan_addr(p + 4, e, n_src++ ? reply_src : seg->src);
		} else if (e - p > 4 && memcmp(p, "dst=", 4) == 0 && n_dst < 2) {
			v = tl_scan_addr(p + 4, e, n_dst++ ? seg->reply_dst : seg->dst);
		} else if (e - p > 6 && memcmp(p, "sport=", 6) == 0 && n_sport < 2) {
			v = tl_scan_port(p + 6, e, n_sport++ ? &port : &seg->sport);
		} else if (e - p > 6 && memcmp(p, "dport=", 6) == 0 && n_dport < 2) {
			v = tl_scan_port(p + 6, e, n_dport++ ? &seg->reply_dport : &seg->dport);
		} else {
			p = e;
			continue;
		}
		if (v != e) {
			st->error = "bad address or port in a conntrack tuple";
			return TL_PARSE_BAD;
		}
		p = e;
	}
	if (n_src < 2 || n_dst < 2 || n_sport < 2 || n_dport < 2) {
		st->error = "conntrack event without both tuples";
		return TL_PARSE_BAD;
	}
	return TL_PARSE_SEGMENT;
}

/* "EVENT STATE" into the label, e.g. "DESTROY CLOSE_WAIT". */
static void set_label(struct tl_segment *seg, const char *event, size_t event_n,
		      const char *state, size_t state_n)
{
	size_t n = 0;
	memcpy(seg->label, event, event_n);	/* at most 7 bytes */
	n = event_n;
	if (state_n) {
		if (state_n > TL_LABEL_MAX - 2 - n)
			state_n = TL_LABEL_MAX - 2 - n;
		seg->label[n++] = ' ';
		memcpy(seg->label + n, state, state_n);
		n += state_n;
	}
	seg->label[n] = '\0';
}

static enum tl_parse parse(struct tl_fw_state *st, const char *line, size_t len,
			   struct tl_segment *seg)
{
	const char *p, *e;
	if (len && line[len - 1] == '\r')
		len--;	/* a copy that went through Windows */
	const char *end = line + len;
	memset(seg, 0, sizeof *seg);
	seg->kind = TL_KIND_CT_EVENT;
	seg->ct_timeout_s = -1;
	p = stamp(line, end, &seg->t_us, &seg->t_res_us);
	if (!p) {
		st->error = event_len(tl_scan_blanks(line, end), end)
				    ? "conntrack -E without -o timestamp has no time"
				    : "not a conntrack -E event line";
		return TL_PARSE_BAD;
	}
	p = tl_scan_blanks(p, end);
	size_t ev = event_len(p, end);
	if (!ev) {
		st->error = "conntrack event without [NEW], [UPDATE] or [DESTROY]";
		return TL_PARSE_BAD;
	}
	const char *event = p + 1;
	p = tl_scan_blanks(p + ev, end);
	/* -o extended: "ipv4     2 " before the protocol */
	e = tl_scan_word_end(p, end);
	if (e - p == 4 && (memcmp(p, "ipv4", 4) == 0 || memcmp(p, "ipv6", 4) == 0)) {
		p = tl_scan_blanks(e, end);
		p = tl_scan_blanks(tl_scan_word_end(p, end), end);
		e = tl_scan_word_end(p, end);
	}
	if (!tl_scan_word_is(p, e, "tcp"))
		return TL_PARSE_SKIP;
	p = tl_scan_blanks(e, end);
	if (!is_number_word(p, end)) {
		st->error = "conntrack event without the protocol number";
		return TL_PARSE_BAD;
	}
	p = tl_scan_blanks(tl_scan_word_end(p, end), end);
	if (is_number_word(p, end)) {	/* NEW and UPDATE: the timeout */
		uint32_t timeout;
		e = tl_scan_u32(p, end, &timeout);
		if (!e || timeout > INT32_MAX) {
			st->error = "bad conntrack timeout";
			return TL_PARSE_BAD;
		}
		seg->ct_timeout_s = (int32_t)timeout;
		p = tl_scan_blanks(e, end);
	}
	e = tl_scan_word_end(p, end);
	size_t state_n = (e > p && !memchr(p, '=', (size_t)(e - p))) ? (size_t)(e - p) : 0;
	set_label(seg, event, ev - 2, p, state_n);
	enum tl_parse r = tuples(st, p + state_n, end, seg);
	seg->verdict = TL_VERDICT_UNKNOWN;
	return r;
}

const struct tl_fw_format tl_fw_conntrack = {
	"conntrack",
	"conntrack -E -o timestamp events (state changes of the gateway's connection tracking)",
	sniff, parse
};

/* tl_fw_klog.c -- Linux firewall log lines: the kernel's LOG target
 * (iptables LOG, nftables `log`, ufw, firewalld) and ulogd2's LOGEMU text
 * for NFLOG, in every wrapping a volunteer may paste:
 *
 *   Nov 26 20:30:19 gw kernel: [ 5312.104877] NEW not SYN? IN=eth1 ...  syslog, journalctl -k
 *   Nov 26 20:30:19.615902 gw kernel: ...                  journalctl -o short-precise
 *   2026-11-26T20:30:19.615902+01:00 gw kernel: ...        rsyslog RFC 3339
 *   2026-11-26T20:30:19+0100 gw kernel: ...                journalctl -o short-iso(-precise)
 *   [  731.911220] NEW not SYN? IN=gfww ...                dmesg (seconds since boot)
 *   [ 5316.519640] gw kernel: ...                          journalctl -o short-monotonic
 *   [Thu Nov 26 20:30:19 2026] ...                         dmesg -T
 *   Nov 26 20:30:19 vm NEW not SYN?  IN=gfww ... MARK=0x0  ulogd2 LOGEMU
 *
 * The body is "<prefix>IN=<if> OUT=<if> [MAC=..] SRC= DST= LEN= ... PROTO=TCP
 * SPT= DPT= [SEQ= ACK=] WINDOW= [RES=] <flag words> URGP= ..." (kernel
 * net/netfilter/nf_log_syslog.c; notes B.1-B.4). One forward pass, no
 * copies but the address and label texts: this parser is on the
 * gigabyte path. */
#include "config.h"
#include <string.h>
#include "tl_fw.h"
#include "tl_scan.h"

#define US_PER_S 1000000LL

enum stamp_kind { STAMP_NONE, STAMP_SYSLOG, STAMP_ISO, STAMP_UPTIME, STAMP_CTIME };

/* The parts of a line around the LOG body, found by shape alone (the time
 * is converted only once the line is known to be a LOG line). */
struct wrapping {
	enum stamp_kind kind;
	const char *stamp_end;	/* stamp is [line, stamp_end) */
	const char *body;	/* the prefix starts here */
};

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* "Nov 26 20:30:19[.frac]", "2026-11-26T20:30:19[.frac][zone]", "[ 731.9]"
 * or "[Thu Nov 26 20:30:19 2026]": which, and where it ends. Shape only:
 * tl_time_* checks the digits when the line turns out to be wanted. */
static enum stamp_kind stamp_shape(const char *p, const char *end, const char **after)
{
	size_t n = (size_t)(end - p);
	if (n >= 16 && is_upper(p[0]) && p[3] == ' ' && p[6] == ' ' && p[9] == ':' &&
	    p[12] == ':') {
		const char *q = p + 15;
		if (*q == '.')
			for (q++; q < end && is_digit(*q); q++)
				;
		*after = q;
		return STAMP_SYSLOG;
	}
	if (n >= 20 && is_digit(p[0]) && p[4] == '-' && p[7] == '-' && p[10] == 'T') {
		const char *q = memchr(p + 19, ' ', n - 19 < 24 ? n - 19 : 24);
		*after = q;
		return q ? STAMP_ISO : STAMP_NONE;
	}
	if (n >= 3 && p[0] == '[') {
		const char *q = memchr(p + 1, ']', n - 1 < 32 ? n - 1 : 32);
		if (!q)
			return STAMP_NONE;
		*after = q + 1;
		if (p[1] == ' ' || is_digit(p[1]))
			return STAMP_UPTIME;
		if (q - p == 25 && is_upper(p[1]) && p[4] == ' ' && p[20] == ' ')
			return STAMP_CTIME;	/* not "[UFW BLOCK]" of dmesg -t */
	}
	return STAMP_NONE;
}

/* The syslog tag of the kernel ("kernel:") or of a daemon ("ulogd[412]:"),
 * which is not part of the LOG prefix; its length with the colon, or 0 for
 * a word that is no tag (ulogd2 LOGEMU puts the prefix right after the
 * host, and a prefix may well end with ':'). */
static size_t tag_len(const char *p, const char *end)
{
	size_t n = (size_t)(end - p);
	if (n >= 7 && memcmp(p, "kernel:", 7) == 0)
		return 7;
	const char *w = tl_scan_word_end(p, end);
	if (w - p < 4 || w[-1] != ':' || w[-2] != ']')
		return 0;
	const char *q = w - 3;
	while (q > p && is_digit(*q))
		q--;
	return (*q == '[' && q < w - 3 && q > p) ? (size_t)(w - p) : 0;
}

/* Past one word and the spaces after it; NULL if no word. */
static const char *skip_word(const char *p, const char *end)
{
	const char *w = tl_scan_word_end(p, end);
	return w == p ? NULL : tl_scan_blanks(w, end);
}

/* Past "host tag: " and a printk "[ 5312.104877] " behind them, when the
 * text at p has them; returns where the LOG prefix starts. */
static const char *skip_host_and_tag(const char *p, const char *end, int need_host)
{
	const char *host_end = skip_word(p, end);
	if (!host_end)
		return p;
	size_t tag = tag_len(host_end, end);
	if (tag)
		p = tl_scan_blanks(host_end + tag, end);
	else if (need_host)
		p = host_end;	/* LOGEMU: the prefix follows the host */
	if (p < end && *p == '[' && (size_t)(end - p) > 2 && (p[1] == ' ' || is_digit(p[1]))) {
		const char *q = memchr(p, ']', (size_t)(end - p) < 24 ? (size_t)(end - p) : 24);
		if (q)
			p = tl_scan_blanks(q + 1, end);
	}
	return p;
}

/* Finds stamp, host, tag and printk stamp; w->body is the prefix. */
static void unwrap(const char *line, const char *end, struct wrapping *w)
{
	const char *p = line;
	w->kind = stamp_shape(line, end, &p);
	w->stamp_end = p;
	if (w->kind == STAMP_NONE) {
		w->body = line;
		return;
	}
	p = tl_scan_blanks(p, end);
	/* dmesg has no host; journalctl -o short-monotonic has "host kernel:" */
	int syslog_like = w->kind == STAMP_SYSLOG || w->kind == STAMP_ISO;
	w->body = skip_host_and_tag(p, end, syslog_like);
}

/* The "IN=" that starts the LOG body (the prefix may be glued to it:
 * "New not syn:IN=eth1"), confirmed by the " OUT=" that always follows;
 * returns the byte after "OUT=", with *in at the 'I', or NULL. */
static const char *find_in_out(const char *body, const char *end, const char **in)
{
	const char *p = body;
	for (;;) {
		const char *eq = memchr(p, '=', (size_t)(end - p));
		if (!eq)
			return NULL;
		if (eq - body >= 2 && eq[-1] == 'N' && eq[-2] == 'I') {
			const char *v = tl_scan_word_end(eq + 1, end);
			if (end - v >= 5 && memcmp(v, " OUT=", 5) == 0) {
				*in = eq - 2;
				return v + 5;
			}
		}
		p = eq + 1;
	}
}

/* The prefix without its surrounding blanks, cut to fit the label;
 * returns its length. */
static size_t set_label(struct tl_segment *seg, const char *p, const char *e)
{
	p = tl_scan_blanks(p, e);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	size_t n = (size_t)(e - p);
	if (n >= TL_LABEL_MAX)
		n = TL_LABEL_MAX - 1;
	memcpy(seg->label, p, n);
	seg->label[n] = '\0';
	return n;
}

/* Case-insensitive "does the lower-case word start at p". */
static int word_at_ci(const char *p, const char *end, const char *lower)
{
	for (; *lower; lower++, p++)
		if (p >= end || (*p | 0x20) != *lower)
			return 0;
	return 1;
}

/* What the prefix says of the packet's fate: rules name their prefixes
 * after their verdict ("[UFW BLOCK]", "STATE_INVALID_DROP: ", "FINAL_REJECT: ")
 * and the classic ct-state ones after what they catch ("NEW not SYN?",
 * "INVALID"), which firewalls drop. A LOG rule itself only logs, so a
 * prefix that says nothing leaves the verdict unknown. */
static enum tl_verdict verdict_of(const char *label, size_t n)
{
	static const struct { char word[8]; enum tl_verdict verdict; } says[] = {
		{ "drop", TL_VERDICT_DROPPED }, { "block", TL_VERDICT_DROPPED },
		{ "reject", TL_VERDICT_DROPPED }, { "invalid", TL_VERDICT_DROPPED },
		{ "not syn", TL_VERDICT_DROPPED }, { "accept", TL_VERDICT_PASSED },
		{ "allow", TL_VERDICT_PASSED },
	};
	const char *end = label + n;
	enum tl_verdict v = TL_VERDICT_UNKNOWN;
	for (const char *p = label; p < end; p++)
		for (unsigned i = 0; i < sizeof says / sizeof says[0]; i++)
			if ((*p | 0x20) == says[i].word[0] && word_at_ci(p, end, says[i].word)) {
				if (says[i].verdict == TL_VERDICT_DROPPED)
					return TL_VERDICT_DROPPED;	/* "DROP" beats "ALLOW" */
				v = says[i].verdict;
			}
	return v;
}

/* The kernel's flag words, in its order (CWR ECE URG ACK PSH RST SYN FIN);
 * 0 for any other word. */
static uint8_t flag_word(const char *p, const char *e)
{
	if (e - p != 3)
		return 0;
	static const struct { char w[4]; uint8_t bit; } words[] = {
		{ "ACK", TL_ACK }, { "PSH", TL_PSH }, { "FIN", TL_FIN }, { "RST", TL_RST },
		{ "SYN", TL_SYN }, { "URG", TL_URG }, { "ECE", TL_ECE }, { "CWR", TL_CWR },
	};
	for (unsigned i = 0; i < sizeof words / sizeof words[0]; i++)
		if (p[0] == words[i].w[0] && p[1] == words[i].w[1] && p[2] == words[i].w[2])
			return words[i].bit;
	return 0;
}

/* "KEY=" at p: the value's start, or NULL. */
static const char *key_at(const char *p, const char *end, const char *key, size_t n)
{
	return (size_t)(end - p) >= n && memcmp(p, key, n) == 0 ? p + n : NULL;
}

/* A value must fill its word: "SPT=80x" is broken, not port 80. */
static int ends_word(const char *p, const char *end)
{
	return p && (p == end || *p == ' ' || *p == '\t');
}

/* What the walk over the body's words has found. */
struct body {
	int src, dst, proto, tcp, spt, dpt, urgp, macproto;
	int no_tcp_header;	/* "FRAG:<offset>" or "INCOMPLETE [n bytes]" */
	uint32_t ip_len;
	int have_ip_len;
};

/* One "KEY=value" or flag word at p, into seg and b; returns the end of
 * the word, or NULL with *error set. */
static const char *body_word(const char *p, const char *end, struct tl_segment *seg,
			     struct body *b, const char **error)
{
	const char *v, *e;
	uint32_t x;
	switch (*p) {
	case 'S':
		if ((v = key_at(p, end, "SRC=", 4))) {
			e = tl_scan_addr(v, end, seg->src);
			b->src = ends_word(e, end);
			*error = "bad SRC= address";
			return b->src ? e : NULL;
		}
		if ((v = key_at(p, end, "SPT=", 4))) {
			e = tl_scan_port(v, end, &seg->sport);
			b->spt = ends_word(e, end);
			*error = "bad SPT= port";
			return b->spt ? e : NULL;
		}
		if ((v = key_at(p, end, "SEQ=", 4))) {
			e = tl_scan_u32(v, end, &seg->seq);
			seg->has_seq = (uint8_t)ends_word(e, end);
			*error = "bad SEQ= number";
			return seg->has_seq ? e : NULL;
		}
		break;
	case 'D':
		if ((v = key_at(p, end, "DST=", 4))) {
			e = tl_scan_addr(v, end, seg->dst);
			b->dst = ends_word(e, end);
			*error = "bad DST= address";
			return b->dst ? e : NULL;
		}
		if ((v = key_at(p, end, "DPT=", 4))) {
			e = tl_scan_port(v, end, &seg->dport);
			b->dpt = ends_word(e, end);
			*error = "bad DPT= port";
			return b->dpt ? e : NULL;
		}
		break;
	case 'A':
		if ((v = key_at(p, end, "ACK=", 4))) {
			e = tl_scan_u32(v, end, &seg->ack);
			seg->has_ack = (uint8_t)ends_word(e, end);
			*error = "bad ACK= number";
			return seg->has_ack ? e : NULL;
		}
		break;
	case 'I':
		if ((v = key_at(p, end, "ID=", 3))) {
			e = tl_scan_u32(v, end, &x);
			seg->has_ipid = (uint8_t)(ends_word(e, end) && x <= 65535);
			seg->ipid = x;
			*error = "bad ID= number";
			return seg->has_ipid ? e : NULL;
		}
		if (key_at(p, end, "INCOMPLETE", 10))
			b->no_tcp_header = 1;
		break;
	case 'F':
		if (key_at(p, end, "FRAG:", 5))
			b->no_tcp_header = 1;
		break;
	case 'L':
		if ((v = key_at(p, end, "LEN=", 4))) {
			e = tl_scan_u32(v, end, &b->ip_len);
			b->have_ip_len = ends_word(e, end);
			*error = "bad LEN= number";
			return b->have_ip_len ? e : NULL;
		}
		break;
	case 'P':
		if ((v = key_at(p, end, "PROTO=", 6))) {
			e = tl_scan_word_end(v, end);
			b->proto = 1;
			b->tcp = e - v == 3 && memcmp(v, "TCP", 3) == 0;
			return e;
		}
		break;
	case 'U':
		if (key_at(p, end, "URGP=", 5)) {
			b->urgp = 1;
			return tl_scan_word_end(p, end);
		}
		break;
	case 'M':
		if (key_at(p, end, "MACPROTO=", 9))
			b->macproto = 1;	/* bridge log: maybe ARP, no IP */
		break;
	default:
		break;
	}
	e = tl_scan_word_end(p, end);
	if (b->tcp)
		seg->flags |= flag_word(p, e);
	return e;
}

/* The words after "OUT=", up to URGP= (the end of the TCP part; OPT, UID=,
 * GID=, MARK= follow). Non-TCP lines stop at PROTO=. */
static enum tl_parse walk_body(struct tl_fw_state *st, const char *p, const char *end,
			       struct tl_segment *seg)
{
	struct body b = { 0 };
	const char *error = NULL;
	while (p < end && !b.urgp) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		p = body_word(p, end, seg, &b, &error);
		if (!p) {
			st->error = error;
			return TL_PARSE_BAD;
		}
		if (b.proto && !b.tcp)
			return TL_PARSE_SKIP;
	}
	if (!b.src && !b.proto && b.macproto)
		return TL_PARSE_SKIP;	/* ARP and such through a bridge */
	if (!b.src || !b.dst || !b.proto) {
		st->error = "LOG line without SRC=, DST= or PROTO=";
		return TL_PARSE_BAD;
	}
	if (!b.spt && !b.dpt && !b.urgp && b.no_tcp_header)
		return TL_PARSE_SKIP;	/* a later fragment, or a cut packet */
	if (!b.spt || !b.dpt || !b.urgp) {
		st->error = "LOG line cut short (no SPT=, DPT= or URGP=)";
		return TL_PARSE_BAD;
	}
	seg->has_flags = 1;
	/* LEN= is the IP length; the payload is known only when nothing is
	 * left for it: 20+20 (IPv4) or 40+20 (IPv6) bytes of bare headers. */
	if (b.have_ip_len && (b.ip_len == 40 || b.ip_len == 60) &&
	    b.ip_len == (strchr(seg->src, ':') ? 60u : 40u)) {
		seg->len = 0;
		seg->has_len = 1;
	}
	return TL_PARSE_SEGMENT;
}

/* The stamp of the line as UTC µs; NULL or a short error text. */
static const char *convert_stamp(struct tl_fw_state *st, const char *line,
				 const struct wrapping *w, struct tl_segment *seg)
{
	size_t n = (size_t)(w->stamp_end - line);
	int64_t up;
	switch (w->kind) {
	case STAMP_SYSLOG:
		if (tl_time_syslog(st->time, &st->year, line, n, &seg->t_us, &seg->t_res_us) != n)
			return "bad syslog time stamp";
		return NULL;
	case STAMP_ISO:
		if (tl_time_iso(st->time, line, n, &seg->t_us, &seg->t_res_us) != n)
			return "bad ISO time stamp";
		return NULL;
	case STAMP_UPTIME:
		if (!tl_scan_uptime(line, w->stamp_end, &up, &seg->t_res_us))
			return "bad [uptime] stamp";
		if (!st->time->boot_us)
			return "dmesg uptime stamp: give --boot-time, or use dmesg -T or journalctl -k";
		seg->t_us = st->time->boot_us + up;
		return NULL;
	case STAMP_CTIME: {
		/* "[Thu Nov 26 20:30:19 2026]": the year is written, so the
		 * guess is primed with it and the month */
		uint32_t year;
		struct tl_year_guess given;
		if (n != 26 || line[4] != ' ' || line[20] != ' ' ||
		    tl_scan_u32(line + 21, line + 25, &year) != line + 25)
			return "bad dmesg -T stamp";
		given.year = (int)year;
		given.last_month = tl_month(line + 5, 3);
		if (tl_time_syslog(st->time, &given, line + 5, 15, &seg->t_us, &seg->t_res_us) != 15)
			return "bad dmesg -T stamp";
		return NULL;
	}
	case STAMP_NONE:
	default:
		return "LOG line without a time stamp";
	}
}

/* Claims lines with a stamp and a LOG body (any protocol: it is typical of
 * the format all the same). */
static int sniff(const char *line, size_t len)
{
	const char *end = line + len, *in;
	struct wrapping w;
	unwrap(line, end, &w);
	if (w.kind == STAMP_NONE)
		return 0;
	const char *rest = find_in_out(w.body, end, &in);
	return rest && tl_scan_key(rest, end, "SRC=", 4) && tl_scan_key(rest, end, "PROTO=", 6);
}

static enum tl_parse parse(struct tl_fw_state *st, const char *line, size_t len,
			   struct tl_segment *seg)
{
	const char *end = line + len, *in, *rest;
	struct wrapping w;
	tl_segment_clear(seg);
	unwrap(line, end, &w);
	if (!(rest = find_in_out(w.body, end, &in)))
		return TL_PARSE_SKIP;	/* another program's line */
	enum tl_parse r = walk_body(st, rest, end, seg);
	if (r != TL_PARSE_SEGMENT)
		return r;
	const char *error = convert_stamp(st, line, &w, seg);
	if (error) {
		st->error = error;
		return TL_PARSE_BAD;
	}
	seg->verdict = verdict_of(seg->label, set_label(seg, w.body, in));
	seg->kind = TL_KIND_SEGMENT;
	return TL_PARSE_SEGMENT;
}

const struct tl_fw_format tl_fw_klog = {
	"klog",
	"Linux LOG/NFLOG lines (iptables, nftables, ufw, firewalld, ulogd2) in syslog, RFC 3339, journalctl or dmesg",
	sniff, parse
};

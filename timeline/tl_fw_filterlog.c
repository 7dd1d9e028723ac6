/* tl_fw_filterlog.c -- pfSense / OPNsense filterlog lines: a syslog line
 * whose message is one CSV record per logged packet (notes B.5; Netgate
 * "Raw Filter Log Format"; OPNsense filterlog description.txt):
 *
 *   Nov 26 20:30:19 pfSense filterlog[36273]: 5,,,1000000103,igb0,match,block,in,4,...
 *   Nov 26 20:30:19 filterlog: ...                 (BSD format forwarded: no host, no pid)
 *   <134>1 2026-11-26T20:30:24.030662+01:00 pfSense.home.arpa filterlog 36273 - - 5,,,...
 *   <134>1 2026-11-26T20:30:24+01:00 OPNsense filterlog 123 - [meta sequenceId="1"] 5,,,...
 *
 * CSV, common part: rule, sub-rule, anchor, tracker (OPNsense: rule label),
 * interface, reason, action, direction, IP version. Then IPv4: TOS, ECN,
 * TTL, ID, offset, flags, protocol id, protocol name; or IPv6: class, flow
 * label, hop limit, protocol name, protocol id. Then length, source,
 * destination; for TCP: source port, destination port, data length, TCP
 * flags (letters), sequence ("seq" or "seq:seq+len"), ack (empty without
 * ACK), window, urgent, options. So a TCP record has 29 fields (IPv4) or
 * 26 (IPv6). Other protocols and other programs' lines are skipped. */
#include "config.h"
#include <string.h>
#include "tl_fw.h"
#include "tl_scan.h"
#include "tl_tcpdump_syntax.h"

#define MAX_FIELDS 48

struct field {
	const char *p, *end;
};

/* Past "<134>" (the syslog priority, kept when a raw stream is saved). */
static const char *past_priority(const char *p, const char *end)
{
	const char *q;
	uint32_t pri;
	if (p < end && *p == '<' && (q = tl_scan_u32(p + 1, end, &pri)) && q < end && *q == '>' &&
	    q - p <= 4)
		return q + 1;
	return p;
}

/* One RFC 5424 structured-data part ("-" or "[id k=\"v\"]..."): the byte
 * after it, or NULL. Inside quotes, '\' escapes the next byte. */
static const char *past_structured_data(const char *p, const char *end)
{
	if (p < end && *p == '-')
		return p + 1;
	while (p < end && *p == '[') {
		int quoted = 0;
		for (p++; p < end && (quoted || *p != ']'); p++) {
			if (*p == '\\' && quoted)
				p++;
			else if (*p == '"')
				quoted = !quoted;
		}
		if (p >= end)
			return NULL;
		p++;
	}
	return p;
}

/* Past one word and the blanks after it; NULL when there is no word. */
static const char *past_word(const char *p, const char *end, const char **word_end)
{
	*word_end = tl_scan_word_end(p, end);
	return *word_end == p ? NULL : tl_scan_blanks(*word_end, end);
}

/* "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG" after the time stamp:
 * where the message starts, *prog the APP word; NULL if the shape is wrong. */
static const char *rfc5424_message(const char *p, const char *end, struct field *prog)
{
	const char *we;
	if (!(p = past_word(p, end, &we)))	/* host */
		return NULL;
	prog->p = p;
	if (!(p = past_word(p, end, &prog->end)) || !(p = past_word(p, end, &we)) ||
	    !(p = past_word(p, end, &we)))	/* app, procid, msgid */
		return NULL;
	if (!(p = past_structured_data(p, end)) || p >= end || *p != ' ')
		return NULL;
	return p + 1;
}

/* "[host ]prog[pid]: MSG" (BSD syslog) after the time stamp: where the
 * message starts, *prog the program name; NULL if the shape is wrong. */
static const char *bsd_message(const char *p, const char *end, struct field *prog)
{
	for (int words = 0; words < 2; words++) {
		const char *w = p, *we = tl_scan_word_end(p, end);
		if (we - w < 2)
			return NULL;
		if (we[-1] != ':') {	/* the host */
			p = tl_scan_blanks(we, end);
			continue;
		}
		const char *bracket = memchr(w, '[', (size_t)(we - w));
		prog->p = w;
		prog->end = bracket ? bracket : we - 1;
		if (bracket) {
			uint32_t pid;
			const char *q = tl_scan_u32(bracket + 1, we, &pid);
			if (!q || q + 2 != we || q[0] != ']')
				return NULL;
		}
		return we < end ? we + 1 : we;
	}
	return NULL;
}

/* The syslog wrapping: time into seg, *csv the message. SKIP for lines of
 * other programs. */
static enum tl_parse unwrap(struct tl_fw_state *st, const char *line, const char *end,
			    struct tl_segment *seg, const char **csv)
{
	const char *p = past_priority(line, end);
	struct field prog;
	size_t used;
	int rfc5424 = end - p >= 2 && p[0] == '1' && p[1] == ' ';
	if (rfc5424)
		p += 2;
	if (!(used = tl_time_iso(st->time, p, (size_t)(end - p), &seg->t_us, &seg->t_res_us)) &&
	    (rfc5424 || !(used = tl_time_syslog(st->time, &st->year, p, (size_t)(end - p),
						 &seg->t_us, &seg->t_res_us))))
		return tl_fw_bad(st, "no syslog time stamp");
	p += used;
	if (p >= end || *p != ' ')
		return tl_fw_bad(st, "nothing after the time stamp");
	p = tl_scan_blanks(p, end);
	p = rfc5424 ? rfc5424_message(p, end, &prog) : bsd_message(p, end, &prog);
	if (!p)
		return tl_fw_bad(st, "no program name in the syslog line");
	if (!TL_IS_WORD(prog.p, prog.end, "filterlog"))
		return TL_PARSE_SKIP;
	*csv = p;
	return TL_PARSE_SEGMENT;
}

/* Splits the record at its commas; the number of fields, or -1 if more
 * than any filterlog record has. */
static int split(const char *p, const char *end, struct field *f)
{
	int n = 0;
	for (;;) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		if (n == MAX_FIELDS)
			return -1;
		f[n].p = p;
		f[n].end = comma ? comma : end;
		n++;
		if (!comma)
			return n;
		p = comma + 1;
	}
}

/* Case-insensitive: pfSense writes "tcp", IPv6 records upper-case names. */
static int is_tcp_name(const struct field *f)
{
	return f->end - f->p == 3 && (f->p[0] | 0x20) == 't' && (f->p[1] | 0x20) == 'c' &&
	       (f->p[2] | 0x20) == 'p';
}

/* The TCP part: source, destination, ports, data length, flags, seq, ack. */
static enum tl_parse tcp_fields(struct tl_fw_state *st, const struct field *f,
				struct tl_segment *seg)
{
	if (tl_addr_text(f[0].p, f[0].end, seg->src) < 0 ||
	    tl_addr_text(f[1].p, f[1].end, seg->dst) < 0)
		return tl_fw_bad(st, "bad address");
	if (tl_port_text(f[2].p, f[2].end, &seg->sport) < 0 ||
	    tl_port_text(f[3].p, f[3].end, &seg->dport) < 0)
		return tl_fw_bad(st, "bad port");
	if (f[4].p < f[4].end) {
		if (tl_u32_text(f[4].p, f[4].end, &seg->len) < 0)
			return tl_fw_bad(st, "bad data length");
		seg->has_len = 1;
	}
	if (tl_flag_letters(f[5].p, f[5].end, &seg->flags) < 0)
		return tl_fw_bad(st, "bad TCP flag letters");
	seg->has_flags = 1;
	if (f[6].p < f[6].end) {
		const char *colon = memchr(f[6].p, ':', (size_t)(f[6].end - f[6].p));
		uint32_t seq_end;
		if (tl_u32_text(f[6].p, colon ? colon : f[6].end, &seg->seq) < 0 ||
		    (colon && tl_u32_text(colon + 1, f[6].end, &seq_end) < 0))
			return tl_fw_bad(st, "bad sequence number");
		seg->has_seq = 1;
		if (colon && !seg->has_len) {
			seg->len = seq_end - seg->seq;
			seg->has_len = 1;
		}
	}
	if (f[7].p < f[7].end) {
		if (tl_u32_text(f[7].p, f[7].end, &seg->ack) < 0)
			return tl_fw_bad(st, "bad ack number");
		seg->has_ack = 1;
	}
	return TL_PARSE_SEGMENT;
}

/* Where the layouts differ: the protocol fields and the first TCP field. */
struct layout {
	int proto_id, proto_name, tcp;	/* field indexes */
};

/* The IP-version-dependent layout, or NULL for a version that is neither. */
static const struct layout *layout_of(const struct field *version)
{
	static const struct layout v4 = { 15, 16, 18 }, v6 = { 13, 12, 15 };
	if (TL_IS_WORD(version->p, version->end, "4"))
		return &v4;
	if (TL_IS_WORD(version->p, version->end, "6"))
		return &v6;
	return NULL;
}

static enum tl_parse record(struct tl_fw_state *st, const char *p, const char *end,
			    struct tl_segment *seg)
{
	struct field f[MAX_FIELDS];
	int n = split(p, end, f);
	const struct layout *l;
	uint32_t id;
	if (n < 0)
		return tl_fw_bad(st, "too many CSV fields for filterlog");
	if (n < 9)
		return tl_fw_bad(st, "truncated filterlog record");
	if (!(l = layout_of(&f[8])))
		return tl_fw_bad(st, "IP version is neither 4 nor 6");
	if (n <= l->proto_id || n <= l->proto_name)
		return tl_fw_bad(st, "truncated filterlog record");
	if (tl_u32_text(f[l->proto_id].p, f[l->proto_id].end, &id) < 0)
		return tl_fw_bad(st, "bad protocol id");
	if (id != 6)
		return TL_PARSE_SKIP;
	if (!is_tcp_name(&f[l->proto_name]))
		return tl_fw_bad(st, "protocol id 6 but not named tcp");
	if (n < l->tcp + 11)
		return tl_fw_bad(st, "truncated filterlog TCP record");
	tl_pf_action(seg, f[6].p, f[6].end, f[7].p, f[7].end, f[4].p, f[4].end);
	if (l->tcp == 18 && tl_u32_text(f[12].p, f[12].end, &seg->ipid) == 0)
		seg->has_ipid = 1;
	return tcp_fields(st, f + l->tcp, seg);
}

/* A filterlog line: the syslog wrapping names the program, and the record
 * has an action, a direction and an IP version where they belong. */
static int sniff(const char *line, size_t len)
{
	static const struct tl_time_opts opts;
	struct tl_fw_state st;
	struct tl_segment seg;
	struct field f[MAX_FIELDS];
	const char *csv, *end = line + len;
	tl_fw_state_init(&st, &opts);
	if (unwrap(&st, line, end, &seg, &csv) != TL_PARSE_SEGMENT)
		return 0;
	int n = split(csv, end, f);
	return n >= 9 && layout_of(&f[8]) &&
	       (TL_IS_WORD(f[7].p, f[7].end, "in") || TL_IS_WORD(f[7].p, f[7].end, "out"));
}

/* The wrapping first (other programs' lines are skipped), then the CSV. */
static enum tl_parse parse(struct tl_fw_state *st, const char *line, size_t len,
			   struct tl_segment *seg)
{
	const char *csv, *end = tl_fw_line_end(seg, line, len);
	enum tl_parse r = unwrap(st, line, end, seg, &csv);
	if (r != TL_PARSE_SEGMENT)
		return r;
	return record(st, csv, end, seg);
}

const struct tl_fw_format tl_fw_filterlog = {
	"filterlog",
	"pfSense / OPNsense filterlog (CSV in BSD syslog or RFC 5424 lines)",
	sniff, parse
};

/* tl_fw_tshark_fields.c -- `tshark -T fields -e ... [-E header=y]`: one
 * packet a line, the -e fields in order, tab-separated (-E separator=,
 * also read), empty where the packet has no such field (UDP, ARP, IPv4
 * columns of an IPv6 packet), values as tl_tshark_values.h shows (man
 * tshark: -T fields, -e, -E; notes B.9):
 *
 *   frame.time_epoch  ip.src  ipv6.src  tcp.srcport  ip.dst  ipv6.dst  tcp.dstport  tcp.flags  tcp.flags.str ...
 *   1795740384.246238688  198.51.100.20    80  203.0.113.1    47642  0x0011  ·······A···F ...
 *
 * With a header (-E header=y) columns are found by name: frame.time_epoch,
 * frame.time, frame.time_utc, _ws.col.Time (-t ad/a/e: local date or time
 * of day in --tz, -t ud/u look the same but are UTC: give --tz UTC),
 * ip.src/ipv6.src, ip.dst/ipv6.dst, tcp.srcport, tcp.dstport, tcp.flags,
 * tcp.flags.str, tcp.seq_raw/tcp.ack_raw (absolute; tcp.seq/tcp.ack are
 * relative by default), tcp.len, ip.id, ip.proto; others are passed over.
 * Without a header, columns are inferred per line, only where the content
 * leaves no doubt (see inferred()). -E quote=d|s quotes are taken off, a
 * UTF-8 BOM (-E bom=y) is passed over. A line with several IP headers
 * (an ICMP error quoting a TCP header, a tunnel: tshark joins the values
 * with ',') is skipped, and so is a packet without TCP ports. */
#include "config.h"
#include <string.h>
#include "tl_fw.h"
#include "tl_scan.h"
#include "tl_tcpdump_syntax.h"
#include "tl_tshark_values.h"

#define MAX_COLUMNS 64
#define NO_HEADER "tshark -T fields without -E header=y: give the header"

/* The fields a segment needs; st->cols[F_x] is the column of each. */
enum field {
	F_EPOCH, F_TIME_UTC, F_TIME, F_COL_TIME,	/* time, in this preference */
	F_IP_SRC, F_IP6_SRC, F_IP_DST, F_IP6_DST, F_SPORT, F_DPORT,
	F_FLAGS, F_FLAGS_STR, F_SEQ, F_SEQ_RAW, F_ACK, F_ACK_RAW, F_LEN, F_IPID, F_PROTO,
	F_COUNT
};

static const char *const field_names[F_COUNT] = {
	"frame.time_epoch", "frame.time_utc", "frame.time", "_ws.col.Time",
	"ip.src", "ipv6.src", "ip.dst", "ipv6.dst", "tcp.srcport", "tcp.dstport",
	"tcp.flags", "tcp.flags.str", "tcp.seq", "tcp.seq_raw", "tcp.ack", "tcp.ack_raw",
	"tcp.len", "ip.id", "ip.proto",
};

struct span {
	const char *p, *end;
};

/* Where the field starting at p ends: at the next sep, except that with
 * ',' a ", " belongs to the value (frame.time's "Nov 27, 2026", which
 * tshark does not quote). */
static const char *field_end(const char *p, const char *end, char sep)
{
	const char *q = memchr(p, sep, (size_t)(end - p));
	while (q && sep == ',' && q + 1 < end && q[1] == ' ')
		q = memchr(q + 1, sep, (size_t)(end - q - 1));
	return q ? q : end;
}

/* The line's fields, quotes taken off; their number, or -1 for more
 * than MAX_COLUMNS. A trailing separator ends in an empty field. */
static int split(const char *p, const char *end, char sep, struct span *f)
{
	for (int n = 0; n < MAX_COLUMNS; n++) {
		const char *e = field_end(p, end, sep);
		if (p < end && (*p == '"' || *p == '\'')) {
			const char *close = memchr(p + 1, *p, (size_t)(end - p - 1));
			if (close && (close + 1 == end || close[1] == sep))
				e = close + 1;
		}
		f[n].p = p;
		f[n].end = e;
		if (e - p >= 2 && (*p == '"' || *p == '\'') && e[-1] == *p) {
			f[n].p++;
			f[n].end--;
		}
		if (e == end)
			return n + 1;
		p = e + 1;
	}
	return -1;
}

/* A field name as -e takes it: "frame.time_epoch", "_ws.col.Time". */
static int is_name(struct span s)
{
	if (s.p == s.end || !((*s.p >= 'a' && *s.p <= 'z') || (*s.p >= 'A' && *s.p <= 'Z') || *s.p == '_'))
		return 0;
	for (const char *p = s.p; p < s.end; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || *p == '.' || *p == '-'))
			return 0;
	return 1;
}

/* The header's names to columns; SKIP, or BAD (and no data line read
 * after it) when a needed column is missing. */
static enum tl_parse header(struct tl_fw_state *st, const struct span *f, int n, char sep)
{
	for (unsigned k = 0; k < F_COUNT; k++)
		st->cols[k] = -1;
	st->have_fields = -1;
	for (int i = 0; i < n; i++)
		for (unsigned k = 0; k < F_COUNT; k++)
			if (st->cols[k] < 0 && tl_scan_word_is(f[i].p, f[i].end, field_names[k]))
				st->cols[k] = (signed char)i;
	int time = st->cols[F_EPOCH] >= 0 || st->cols[F_TIME_UTC] >= 0 || st->cols[F_TIME] >= 0 ||
		   st->cols[F_COL_TIME] >= 0;
	if (!time || (st->cols[F_IP_SRC] < 0 && st->cols[F_IP6_SRC] < 0) ||
	    (st->cols[F_IP_DST] < 0 && st->cols[F_IP6_DST] < 0) || st->cols[F_SPORT] < 0 ||
	    st->cols[F_DPORT] < 0)
		return tl_fw_bad(st, "tshark -T fields header without a time, ip.src/ipv6.src, "
				     "ip.dst/ipv6.dst, tcp.srcport or tcp.dstport");
	st->ncols = n;
	st->col_sep = sep;
	st->have_fields = 1;
	return TL_PARSE_SKIP;
}

/* A column's value; empty (never NULL) for a column the header does not have. */
static struct span value(const struct tl_fw_state *st, const struct span *f, enum field k)
{
	static const char nothing[1];
	struct span none = { nothing, nothing };
	return st->cols[k] >= 0 ? f[st->cols[k]] : none;
}

/* tshark prints nothing for a field the packet lacks. */
static int is_empty(struct span s)
{
	return s.p == s.end;
}

/* tshark joins the values of a field that occurs more than once with ','. */
static int several(struct span s)
{
	return memchr(s.p, ',', (size_t)(s.end - s.p)) != NULL;
}

/* An optional decimal column (seq, ack, len). */
static int number(struct span s, uint32_t *v, uint8_t *has)
{
	if (is_empty(s))
		return 0;
	if (tl_u32_text(s.p, s.end, v) < 0)
		return -1;
	*has = 1;
	return 0;
}

/* _ws.col.Time through the tcpdump/tshark stamp reader (dates, epoch, a
 * time of day placed on the previous stamp's date); it wants a blank
 * after the stamp, so it reads a copy. */
static int column_time(struct tl_fw_state *st, struct span s, struct tl_segment *seg)
{
	char buf[64];
	size_t n = (size_t)(s.end - s.p);
	if (n + 1 > sizeof buf)
		return -1;
	memcpy(buf, s.p, n);
	buf[n] = ' ';
	const char *p = buf;
	return tl_td_stamp(st, &p, buf + n + 1, TL_TD_TOD_DAY, seg) == 1 && p == buf + n + 1 ? 0 : -1;
}

/* The first time column the header has, in the order of enum field. */
static enum tl_parse header_time(struct tl_fw_state *st, const struct span *f, struct tl_segment *seg)
{
	const char *why;
	if (st->cols[F_EPOCH] >= 0)
		return tl_tsv_epoch(value(st, f, F_EPOCH).p, value(st, f, F_EPOCH).end, seg) < 0
			       ? tl_fw_bad(st, "bad frame.time_epoch") : TL_PARSE_SEGMENT;
	for (int k = F_TIME_UTC; k <= F_TIME; k++)
		if (st->cols[k] >= 0) {
			struct span t = value(st, f, (enum field)k);
			return tl_tsv_abs_time(st->time, t.p, t.end, seg, &why) < 0 ? tl_fw_bad(st, why)
										 : TL_PARSE_SEGMENT;
		}
	if (column_time(st, value(st, f, F_COL_TIME), seg) < 0)
		return tl_fw_bad(st, "no absolute time in _ws.col.Time (-t r/d/dd?): print with -t ad or -t e");
	return TL_PARSE_SEGMENT;
}

/* tcp.flags (hex, preferred: exact) or tcp.flags.str; none is no error. */
static int header_flags(const struct tl_fw_state *st, const struct span *f, struct tl_segment *seg)
{
	struct span hex = value(st, f, F_FLAGS), str = value(st, f, F_FLAGS_STR);
	uint32_t v;
	if (!is_empty(hex)) {
		if (tl_tsv_hex(hex.p, hex.end, 0xfff, &v) < 0)
			return -1;
		seg->flags = (uint8_t)(v & 0xff);
	} else if (!is_empty(str)) {
		if (tl_tsv_flags_str(str.p, str.end, &seg->flags) < 0)
			return -1;
	} else {
		return 0;
	}
	seg->has_flags = 1;
	return 0;
}

/* Sequence numbers: the _raw columns when the header has one (absolute),
 * else tcp.seq/tcp.ack (relative unless tshark was told otherwise). */
static int header_numbers(const struct tl_fw_state *st, const struct span *f, struct tl_segment *seg)
{
	int raw = st->cols[F_SEQ_RAW] >= 0 || st->cols[F_ACK_RAW] >= 0;
	struct span ipid = value(st, f, F_IPID);
	uint32_t v;
	if (number(value(st, f, raw ? F_SEQ_RAW : F_SEQ), &seg->seq, &seg->has_seq) < 0 ||
	    number(value(st, f, raw ? F_ACK_RAW : F_ACK), &seg->ack, &seg->has_ack) < 0 ||
	    number(value(st, f, F_LEN), &seg->len, &seg->has_len) < 0)
		return -1;
	if (!raw)
		tl_seq_guess_relative(seg);
	if (!is_empty(ipid)) {
		if (tl_tsv_hex(ipid.p, ipid.end, 0xffff, &v) < 0 &&
		    (tl_u32_text(ipid.p, ipid.end, &v) < 0 || v > 0xffff))
			return -1;
		seg->ipid = v;
		seg->has_ipid = 1;
	}
	return 0;
}

/* A data line read with the header's columns. */
static enum tl_parse by_header(struct tl_fw_state *st, const struct span *f, int n,
			       struct tl_segment *seg)
{
	if (n != st->ncols)
		return tl_fw_bad(st, n < st->ncols ? "fewer columns than the tshark -T fields header"
				     : "more columns than the header (a field with several values? -E occurrence=f)");
	struct span proto = value(st, f, F_PROTO), sport = value(st, f, F_SPORT), dport = value(st, f, F_DPORT);
	struct span src = value(st, f, F_IP_SRC), dst = value(st, f, F_IP_DST);
	if (!is_empty(proto) && !(proto.end - proto.p >= 1 && proto.p[0] == '6' &&
				  (proto.end - proto.p == 1 || proto.p[1] == ',')))
		return TL_PARSE_SKIP;	/* IPv4 carrying no TCP (or ICMP quoting it) */
	if (is_empty(sport) && is_empty(dport))
		return TL_PARSE_SKIP;	/* no TCP header: ARP, UDP, ... */
	if (is_empty(src))
		src = value(st, f, F_IP6_SRC);
	if (is_empty(dst))
		dst = value(st, f, F_IP6_DST);
	if (several(src) || several(dst))
		return TL_PARSE_SKIP;	/* ICMP error quoting a TCP header, a tunnel */
	if (tl_addr_text(src.p, src.end, seg->src) < 0 || tl_addr_text(dst.p, dst.end, seg->dst) < 0)
		return tl_fw_bad(st, "bad ip.src/ipv6.src or ip.dst/ipv6.dst address");
	if (tl_port_text(sport.p, sport.end, &seg->sport) < 0 ||
	    tl_port_text(dport.p, dport.end, &seg->dport) < 0)
		return tl_fw_bad(st, "bad tcp.srcport or tcp.dstport");
	if (header_time(st, f, seg) != TL_PARSE_SEGMENT)
		return TL_PARSE_BAD;
	if (header_flags(st, f, seg) < 0)
		return tl_fw_bad(st, "bad tcp.flags or tcp.flags.str");
	if (header_numbers(st, f, seg) < 0)
		return tl_fw_bad(st, "bad tcp.seq/tcp.ack/tcp.len or ip.id");
	return TL_PARSE_SEGMENT;
}

/* What each non-empty field of a header-less line can be. */
struct shapes {
	int epoch, addr[2], naddr, hex, nhex, str, nstr, several_addr;
};

/* One pass over the non-empty fields g[0..n). */
static void shapes_of(const struct span *g, int n, char sep, struct shapes *s)
{
	struct tl_segment seg;
	char addr[TL_ADDR_MAX];
	uint32_t v;
	uint8_t flags;
	memset(s, 0, sizeof *s);
	s->epoch = -1;
	for (int i = 0; i < n; i++) {
		const char *comma = sep == '\t' ? memchr(g[i].p, ',', (size_t)(g[i].end - g[i].p)) : NULL;
		if (memchr(g[i].p, '.', (size_t)(g[i].end - g[i].p)) && tl_tsv_epoch(g[i].p, g[i].end, &seg) == 0)
			s->epoch = s->epoch == -1 ? i : -2;
		else if (tl_addr_text(g[i].p, g[i].end, addr) == 0)
			s->addr[s->naddr < 2 ? s->naddr : 1] = i, s->naddr++;
		else if (comma && tl_addr_text(g[i].p, comma, addr) == 0)
			s->several_addr = 1;
		else if (tl_tsv_hex(g[i].p, g[i].end, 0xffffffff, &v) == 0)
			s->hex = i, s->nhex++;
		else if (tl_tsv_flags_str(g[i].p, g[i].end, &flags) == 0)
			s->str = i, s->nstr++;
	}
}

/* The flags of a header-less line: the flags string, else one hex field
 * of at most 0x1ff (tcp.flags has 9 bits in use; ip.id, the other hex
 * field tshark prints, looks the same below that: give the header when
 * both are printed). None is no error. */
static int inferred_flags(struct tl_fw_state *st, const struct span *g, const struct shapes *s,
			  struct tl_segment *seg)
{
	uint32_t v;
	if (s->nstr > 1 || (s->nstr == 0 && s->nhex > 1)) {
		tl_fw_bad(st, "two flag-like columns (tcp.flags and ip.id?): " NO_HEADER);
		return -1;
	}
	if (s->nstr == 1)
		(void)tl_tsv_flags_str(g[s->str].p, g[s->str].end, &seg->flags);
	else if (s->nhex == 1 && tl_tsv_hex(g[s->hex].p, g[s->hex].end, 0x1ff, &v) == 0)
		seg->flags = (uint8_t)v;
	else if (s->nhex == 1) {
		tl_fw_bad(st, "a hex column above 0x1ff is no tcp.flags (ip.id?): " NO_HEADER);
		return -1;
	} else
		return 0;
	seg->has_flags = 1;
	return 0;
}

/* Without a header, only what cannot be anything else: one epoch time
 * (frame.time_epoch), exactly two addresses (source first, as -e ip.src
 * before -e ip.dst prints them), each port right after its address or
 * both right after the two addresses, and the flags (inferred_flags).
 * seq, ack and len are read only with a header: a bare number could be
 * any of them, or tcp.stream, frame.number, a window. */
static enum tl_parse inferred(struct tl_fw_state *st, const struct span *f, int n, char sep,
			      struct tl_segment *seg)
{
	struct span g[MAX_COLUMNS];
	struct shapes s;
	int ng = 0;
	for (int i = 0; i < n; i++)
		if (!is_empty(f[i]))
			g[ng++] = f[i];
	shapes_of(g, ng, sep, &s);
	if (s.several_addr)
		return TL_PARSE_SKIP;	/* ICMP error quoting a TCP header, a tunnel */
	if (s.naddr == 0 && s.epoch >= 0 && ng <= 2)
		return TL_PARSE_SKIP;	/* no IP packet: only its time (and an id) */
	if (s.epoch < 0 || s.naddr != 2)
		return tl_fw_bad(st, NO_HEADER);
	int a = s.addr[0], b = s.addr[1];
	int sp = b == a + 1 ? b + 1 : a + 1, dp = b == a + 1 ? b + 2 : b + 1;
	if (dp >= ng || tl_port_text(g[sp].p, g[sp].end, &seg->sport) < 0 ||
	    tl_port_text(g[dp].p, g[dp].end, &seg->dport) < 0) {
		if (s.nstr)	/* TCP without ports where they can be found */
			return tl_fw_bad(st, "ports not next to their addresses: " NO_HEADER);
		return TL_PARSE_SKIP;	/* UDP, ICMP: no TCP ports */
	}
	(void)tl_addr_text(g[a].p, g[a].end, seg->src);
	(void)tl_addr_text(g[b].p, g[b].end, seg->dst);
	(void)tl_tsv_epoch(g[s.epoch].p, g[s.epoch].end, seg);
	return inferred_flags(st, g, &s, seg) < 0 ? TL_PARSE_BAD : TL_PARSE_SEGMENT;
}

/* Past a UTF-8 byte-order mark (-E bom=y), which starts the first line. */
static const char *past_bom(const char *p, const char *end)
{
	return end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 ? p + 3 : p;
}

/* Splits the line with the file's separator (a header's, or tab unless
 * the line has only commas); 1 if it is a header line (names only, one of
 * them known: a stray word is no header), 0 if data, -1. */
static int fields_of(const struct tl_fw_state *st, const char *p, const char *end,
		     struct span *f, int *n, char *sep)
{
	int known = 0;
	*sep = st->have_fields > 0 ? st->col_sep
	     : memchr(p, '\t', (size_t)(end - p)) || !memchr(p, ',', (size_t)(end - p)) ? '\t' : ',';
	if ((*n = split(p, end, *sep, f)) < 0)
		return -1;
	for (int i = 0; i < *n; i++) {
		if (!is_name(f[i]))
			return 0;
		for (unsigned k = 0; k < F_COUNT; k++)
			known |= tl_scan_word_is(f[i].p, f[i].end, field_names[k]);
	}
	return known;
}

/* Header lines set the columns; data lines are read by them, or, in a
 * file without a header, by their content. */
static enum tl_parse parse(struct tl_fw_state *st, const char *line, size_t len,
			   struct tl_segment *seg)
{
	const char *end = tl_fw_line_end(seg, line, len), *p = past_bom(line, end);
	struct span f[MAX_COLUMNS];
	int n;
	char sep;
	if (tl_scan_blanks(p, end) == end)
		return TL_PARSE_SKIP;
	int kind = fields_of(st, p, end, f, &n, &sep);
	if (kind < 0)
		return tl_fw_bad(st, "more columns than a tshark -T fields line has here");
	if (kind == 1)
		return header(st, f, n, sep);
	if (st->have_fields < 0)
		return tl_fw_bad(st, "no usable tshark -T fields header before this line");
	if (st->have_fields > 0)
		return by_header(st, f, n, seg);
	return inferred(st, f, n, sep, seg);
}

/* A usable header, or a header-less line with everything a segment needs
 * (time, addresses, ports and flags): no other format has such lines. */
static int sniff(const char *line, size_t len)
{
	static const struct tl_time_opts opts;
	struct tl_fw_state st;
	struct tl_segment seg;
	tl_fw_state_init(&st, &opts);
	return parse(&st, line, len, &seg) == TL_PARSE_SEGMENT ? seg.has_flags : st.have_fields > 0;
}

const struct tl_fw_format tl_fw_tshark_fields = {
	"tshark-fields",
	"tshark -T fields -E header=y (tab or ',' separated): frame.time_epoch, ip.src, tcp.srcport, "
	"ip.dst, tcp.dstport, tcp.flags, tcp.seq_raw, tcp.ack_raw, tcp.len",
	sniff, parse
};

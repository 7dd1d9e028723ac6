/* tl_fw_pfirewall.c -- Windows Firewall's pfirewall.log (notes B.7;
 * Microsoft "Windows Firewall log file format", Technet cc758040, and
 * "Configuring Firewall Log Files", ff428145). A W3C-style text file, CRLF
 * line ends, columns separated by one space, '-' for an empty value:
 *
 *   #Version: 1.5
 *   #Software: Microsoft Windows Firewall
 *   #Time Format: Local
 *   #Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags
 *            tcpsyn tcpack tcpwin icmptype icmpcode info path       (one line)
 *   2026-11-26 20:30:23 DROP TCP 198.51.100.20 192.0.2.10 80 45332 52 AF 2533098713 2191708191 501 - - - RECEIVE
 *
 * Columns are found through the #Fields header (later Windows versions
 * append "pid"; a file may hold several headers), and through the
 * documented list above when a file (or a pasted excerpt) has none. Times
 * are local without a zone, to the second: read in the zone of the
 * options. tcpsyn is the sequence number, tcpack the ack number, both read
 * only when tcpflags is logged (ALLOW lines carry "- 0 0 0" placeholders);
 * "size" is the packet's size, not the payload's, so no length is set.
 * Actions: DROP, ALLOW (Windows Firewall with Advanced Security), OPEN,
 * CLOSE (the XP SP2 firewall), INFO-EVENTS-LOST (a note, skipped). */
#include "config.h"
#include <string.h>
#include "tl_fw.h"
#include "tl_scan.h"
#include "tl_tcpdump_syntax.h"

#define MAX_COLUMNS 64

/* The columns a segment needs; st->cols[COL_x] is where each is. */
enum column {
	COL_DATE, COL_TIME, COL_ACTION, COL_PROTOCOL, COL_SRC_IP, COL_DST_IP,
	COL_SRC_PORT, COL_DST_PORT, COL_TCPFLAGS, COL_TCPSYN, COL_TCPACK, COL_PATH,
	COL_COUNT,
	COL_REQUIRED = COL_TCPFLAGS	/* the ones before it must be there */
};

static const char *const column_names[COL_COUNT] = {
	"date", "time", "action", "protocol", "src-ip", "dst-ip",
	"src-port", "dst-port", "tcpflags", "tcpsyn", "tcpack", "path",
};

/* The documented header, used for files without one. */
static const char default_fields[] =
	"date time action protocol src-ip dst-ip src-port dst-port size tcpflags "
	"tcpsyn tcpack tcpwin icmptype icmpcode info path";

struct span {
	const char *p, *end;
};

/* Splits at blanks; the number of words, or -1 for more than a log has. */
static int split(const char *p, const char *end, struct span *w)
{
	int n = 0;
	for (p = tl_scan_blanks(p, end); p < end; p = tl_scan_blanks(w[n - 1].end, end)) {
		if (n == MAX_COLUMNS)
			return -1;
		w[n].p = p;
		w[n].end = tl_scan_word_end(p, end);
		n++;
	}
	return n;
}

/* Remembers where each needed column is; unknown names are passed over.
 * A header without a needed column makes the data lines unreadable
 * (have_fields = -1) rather than read with the wrong layout. */
static enum tl_parse fields_header(struct tl_fw_state *st, const char *p, const char *end)
{
	struct span w[MAX_COLUMNS];
	int n = split(p, end, w);
	for (unsigned c = 0; c < COL_COUNT; c++)
		st->cols[c] = -1;
	st->have_fields = -1;
	if (n < 0)
		return tl_fw_bad(st, "#Fields header with too many columns");
	for (int i = 0; i < n; i++)
		for (unsigned c = 0; c < COL_COUNT; c++)
			if (st->cols[c] < 0 && tl_scan_word_is(w[i].p, w[i].end, column_names[c]))
				st->cols[c] = (signed char)i;
	for (unsigned c = 0; c < COL_REQUIRED; c++)
		if (st->cols[c] < 0)
			return tl_fw_bad(st, "#Fields header without date, time, action, protocol, addresses or ports");
	st->ncols = n;
	st->have_fields = 1;
	return TL_PARSE_SKIP;
}

/* A column's text, or an empty span for '-' and for columns not logged. */
static struct span value(const struct tl_fw_state *st, const struct span *w, int n, enum column c)
{
	struct span none = { NULL, NULL };
	int i = st->cols[c];
	if (i < 0 || i >= n || TL_IS_WORD(w[i].p, w[i].end, "-"))
		return none;
	return w[i];
}

/* "2026-11-26" and "20:30:19" are separate columns; tl_time_iso reads
 * them joined by a space. */
static int date_time(struct tl_fw_state *st, struct span date, struct span time,
		     struct tl_segment *seg)
{
	char buf[48];
	size_t dn = (size_t)(date.end - date.p), tn = (size_t)(time.end - time.p);
	if (!date.p || !time.p || dn + 1 + tn > sizeof buf)
		return -1;
	memcpy(buf, date.p, dn);
	buf[dn] = ' ';
	memcpy(buf + dn + 1, time.p, tn);
	return tl_time_iso(st->time, buf, dn + 1 + tn, &seg->t_us, &seg->t_res_us) == dn + 1 + tn
		       ? 0 : -1;
}

/* What the action says of the packet's fate; -1 for a line to skip. */
static int verdict_of(struct span action, enum tl_verdict *v)
{
	static const struct { const char *word; enum tl_verdict verdict; } actions[] = {
		{ "DROP", TL_VERDICT_DROPPED }, { "ALLOW", TL_VERDICT_PASSED },
		{ "OPEN", TL_VERDICT_PASSED }, { "OPEN-INBOUND", TL_VERDICT_PASSED },
	};
	if (TL_IS_WORD(action.p, action.end, "INFO-EVENTS-LOST"))
		return -1;
	*v = TL_VERDICT_UNKNOWN;	/* CLOSE, and words of later versions */
	for (unsigned i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (tl_scan_word_is(action.p, action.end, actions[i].word))
			*v = actions[i].verdict;
	return 0;
}

/* Optional TCP numbers: '-' leaves them unset. */
static int optional_u32(struct span s, uint32_t *v, uint8_t *has)
{
	if (!s.p)
		return 0;
	if (tl_u32_text(s.p, s.end, v) < 0)
		return -1;
	*has = 1;
	return 0;
}

static enum tl_parse data_line(struct tl_fw_state *st, const char *p, const char *end,
			       struct tl_segment *seg)
{
	struct span w[MAX_COLUMNS];
	int n = split(p, end, w);
	if (n < 0)
		return tl_fw_bad(st, "more columns than any pfirewall.log has");
	if (n < st->ncols)	/* Windows writes every column, '-' when empty */
		return tl_fw_bad(st, "fewer columns than the #Fields header names");
	struct span action = value(st, w, n, COL_ACTION), proto = value(st, w, n, COL_PROTOCOL);
	if (date_time(st, value(st, w, n, COL_DATE), value(st, w, n, COL_TIME), seg) < 0)
		return tl_fw_bad(st, "bad date or time");
	if (!action.p)
		return tl_fw_bad(st, "no action");
	if (verdict_of(action, &seg->verdict) < 0)
		return TL_PARSE_SKIP;
	if (!proto.p)
		return tl_fw_bad(st, "no protocol");
	if (!TL_IS_WORD(proto.p, proto.end, "TCP") && !TL_IS_WORD(proto.p, proto.end, "6"))
		return TL_PARSE_SKIP;
	/* a missing ('-') address or port is an empty span: refused below */
	struct span src = value(st, w, n, COL_SRC_IP), dst = value(st, w, n, COL_DST_IP);
	struct span sport = value(st, w, n, COL_SRC_PORT), dport = value(st, w, n, COL_DST_PORT);
	struct span flags = value(st, w, n, COL_TCPFLAGS), path = value(st, w, n, COL_PATH);
	if (tl_addr_text(src.p, src.end, seg->src) < 0 || tl_addr_text(dst.p, dst.end, seg->dst) < 0)
		return tl_fw_bad(st, "bad address");
	if (tl_port_text(sport.p, sport.end, &seg->sport) < 0 ||
	    tl_port_text(dport.p, dport.end, &seg->dport) < 0)
		return tl_fw_bad(st, "bad port");
	/* Without flags (ALLOW lines: "- 0 0 0") the numbers are placeholders. */
	if (flags.p) {
		if (tl_flag_letters(flags.p, flags.end, &seg->flags) < 0)
			return tl_fw_bad(st, "bad tcpflags letters");
		seg->has_flags = 1;
		if (optional_u32(value(st, w, n, COL_TCPSYN), &seg->seq, &seg->has_seq) < 0 ||
		    optional_u32(value(st, w, n, COL_TCPACK), &seg->ack, &seg->has_ack) < 0)
			return tl_fw_bad(st, "bad tcpsyn or tcpack number");
	}
	tl_label_add(seg, action.p, action.end);
	if (path.p)
		tl_label_add(seg, path.p, path.end);
	return TL_PARSE_SEGMENT;
}

/* Header lines are known by their first bytes. */
static int starts_with(const char *p, const char *end, const char *text)
{
	size_t n = strlen(text);
	return (size_t)(end - p) >= n && memcmp(p, text, n) == 0;
}

/* Headers set the columns; data lines are read with the last header, or
 * with the documented one when the file (an excerpt) has none. */
static enum tl_parse parse(struct tl_fw_state *st, const char *line, size_t len,
			   struct tl_segment *seg)
{
	const char *end = tl_fw_line_end(seg, line, len);
	while (end > line && end[-1] == ' ')
		end--;
	if (starts_with(line, end, "#Fields:"))
		return fields_header(st, line + 8, end);
	if (line == end || *line == '#')
		return TL_PARSE_SKIP;
	if (st->have_fields < 0)
		return tl_fw_bad(st, "no usable #Fields header before this line");
	if (!st->have_fields)
		(void)fields_header(st, default_fields, default_fields + sizeof default_fields - 1);
	return data_line(st, line, end, seg);
}

/* The protocol words Windows writes (others appear as numbers). */
static int is_protocol(struct span s)
{
	uint32_t number;
	return TL_IS_WORD(s.p, s.end, "TCP") || TL_IS_WORD(s.p, s.end, "UDP") ||
	       TL_IS_WORD(s.p, s.end, "ICMP") || TL_IS_WORD(s.p, s.end, "ICMPv6") ||
	       (s.p && tl_u32_text(s.p, s.end, &number) == 0);
}

/* The header's own lines, or a data line in the documented layout: date,
 * time, a known action, a protocol and two addresses where they belong. */
static int sniff(const char *line, size_t len)
{
	static const struct tl_time_opts opts;
	const char *end = line + len;
	struct tl_fw_state st;
	struct tl_segment seg;
	struct span w[MAX_COLUMNS];
	char addr[TL_ADDR_MAX];
	enum tl_verdict v;
	if (starts_with(line, end, "#Software: Microsoft Windows Firewall"))
		return 1;
	if (starts_with(line, end, "#Fields:"))
		return tl_scan_key(line, end, "src-ip", 6) && tl_scan_key(line, end, "tcpflags", 8);
	tl_fw_state_init(&st, &opts);
	int n = split(line, end, w);
	if (n < 15 || fields_header(&st, default_fields, default_fields + sizeof default_fields - 1) !=
			      TL_PARSE_SKIP)
		return 0;
	struct span action = value(&st, w, n, COL_ACTION), src = value(&st, w, n, COL_SRC_IP);
	struct span dst = value(&st, w, n, COL_DST_IP);
	int known = verdict_of(action, &v) < 0 || v != TL_VERDICT_UNKNOWN ||
		    TL_IS_WORD(action.p, action.end, "CLOSE");
	return known && is_protocol(value(&st, w, n, COL_PROTOCOL)) && src.p && dst.p &&
	       tl_addr_text(src.p, src.end, addr) == 0 && tl_addr_text(dst.p, dst.end, addr) == 0 &&
	       date_time(&st, value(&st, w, n, COL_DATE), value(&st, w, n, COL_TIME), &seg) == 0;
}

const struct tl_fw_format tl_fw_pfirewall = {
	"pfirewall",
	"Windows Firewall pfirewall.log (local times: give --tz)",
	sniff, parse
};

/* tl_fw_tcpdump.c -- tcpdump 4.x text (and 3.x / OpenBSD syntax), e.g.
 *
 *   2026-11-26 20:30:23.439513 IP 198.51.100.20.80 > 203.0.113.1.45332: Flags [P.],
 *       seq 65:225, ack 96, win 64, options [nop,nop,TS val 1 ecr 2], length 160: HTTP
 *   1795725024.442977 IP6 2001:db8::20.80 > 2001:db8::1.45348: Flags [F.], ...   (-tt)
 *   20:30:23.439513 eth0 In  IP 198.51.100.20.80 > ...           (-i any, 4.99)
 *   20:30:23.439513 4e:b0:fc:2a:4a:37 > 96:89:68:66:05:27, ethertype IPv4 (0x0800),
 *       length 66: 198.51.100.20.80 > ...                        (-e)
 *
 * Time stamps: -tttt (date, local zone), -tt (epoch), the default time of
 * day (no date: placed on the reference time's date in the zone of the
 * options, moving on at midnight), and -ttt deltas, recognised by the
 * 00:00:00.000000 tcpdump prints first, usable only after an absolute
 * line. Sequence numbers are relative unless -S: see tl_seq_guess_relative.
 * Lines of other protocols (UDP, ARP, ICMP) are skipped, and so are the
 * banner lines ("reading from file ...") and -v/-X continuation lines. */
#include "config.h"
#include <string.h>
#include "tl_fw.h"
#include "tl_scan.h"
#include "tl_tcpdump_syntax.h"

/* "4e:b0:fc:2a:4a:37": a MAC address, the start of an -e line. */
static int is_mac(const char *p, const char *end)
{
	if (end - p < 17)
		return 0;
	for (int i = 0; i < 17; i++) {
		char c = p[i];
		int hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
		if (i % 3 == 2 ? c != ':' : !hex)
			return 0;
	}
	return 1;
}

/* Linux "any" device (4.99): "<if> In|Out|B|M|P " before the protocol. */
static const char *past_interface(const char *p, const char *end)
{
	static const char *const dirs[] = { "In", "Out", "B", "M", "P" };
	const char *w = tl_scan_word_end(p, end);
	const char *d = tl_scan_blanks(w, end), *de = tl_scan_word_end(d, end);
	for (unsigned i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		if (w > p && tl_scan_word_is(d, de, dirs[i]))
			return tl_scan_blanks(de, end);
	return p;
}

/* -e: "<mac> > <mac>, ethertype IPv4 (0x0800), length 66: <packet>";
 * the packet's start, or NULL for another ethertype (ARP, ...). */
static const char *past_ethernet(const char *p, const char *end)
{
	static const char key[] = ", ethertype IPv";
	const char *k = memmem(p, (size_t)(end - p), key, sizeof key - 1);
	if (!k || end - k < (long)sizeof key || (k[sizeof key - 1] != '4' && k[sizeof key - 1] != '6'))
		return NULL;
	const char *colon = memmem(k, (size_t)(end - k), ": ", 2);
	return colon ? colon + 2 : NULL;
}

/* Where the packet ("src > dst: ...") starts after the time stamp, or
 * NULL when the line is about something that is not IP. */
static const char *packet_start(const char *p, const char *end)
{
	for (int pass = 0; pass < 2; pass++) {
		const char *w = tl_scan_word_end(p, end);
		if ((TL_IS_WORD(p, w, "IP") || TL_IS_WORD(p, w, "IP6")) && w < end)
			return tl_scan_blanks(w, end);
		if (is_mac(p, end))
			return past_ethernet(p, end);
		p = past_interface(p, end);	/* then once more after "<if> In " */
	}
	return NULL;
}

/* Lines tcpdump prints besides packets: banners on stderr that end up in
 * pasted output, -v second lines and -X hex dumps (indented). */
static int is_chatter(const char *p, const char *end)
{
	static const char *const starts[] = { "reading from file", "listening on", "tcpdump: " };
	if (p == end || *p == ' ' || *p == '\t')
		return 1;
	for (unsigned i = 0; i < sizeof starts / sizeof starts[0]; i++) {
		size_t n = strlen(starts[i]);
		if ((size_t)(end - p) >= n && memcmp(p, starts[i], n) == 0)
			return 1;
	}
	const char *q = tl_scan_word_end(p, end);	/* "12 packets captured" */
	uint32_t count;
	return tl_scan_u32(p, q, &count) == q && end - q >= 9 && memcmp(q, " packets ", 9) == 0;
}

/* A stamp, then IP/IP6 (or an -e header) and "src > dst:". */
static int sniff(const char *line, size_t len)
{
	static const struct tl_time_opts opts;
	struct tl_fw_state st;
	struct tl_segment seg;
	const char *p = line, *end = line + len;
	tl_fw_state_init(&st, &opts);
	int stamp = tl_td_stamp(&st, &p, end, TL_TD_TOD_AUTO, &seg);
	if (stamp == 0)
		return 0;
	if (stamp < 0)
		p = tl_scan_blanks(tl_scan_word_end(line, end), end);
	if (!(p = packet_start(p, end)))
		return 0;
	const char *src_end = tl_scan_word_end(p, end);
	if (src_end == p || end - src_end < 4 || memcmp(src_end, " > ", 3) != 0)
		return 0;
	const char *dst_end = tl_scan_word_end(src_end + 3, end);
	return dst_end > src_end + 3 && dst_end[-1] == ':';
}

/* Stamp, then what the packet is; lines without a stamp are tcpdump's own
 * chatter (skipped) or not tcpdump output at all (refused). */
static enum tl_parse parse(struct tl_fw_state *st, const char *line, size_t len,
			   struct tl_segment *seg)
{
	const char *p = line, *end = tl_fw_line_end(seg, line, len);
	int stamp = tl_td_stamp(st, &p, end, TL_TD_TOD_AUTO, seg);
	if (stamp < 0)
		return TL_PARSE_BAD;
	if (stamp == 0) {
		if (is_chatter(line, end))
			return TL_PARSE_SKIP;
		st->error = "no tcpdump time stamp (tcpdump -t?)";
		return TL_PARSE_BAD;
	}
	if (!(p = packet_start(p, end)))
		return TL_PARSE_SKIP;
	return tl_td_packet(st, p, end, seg);
}

const struct tl_fw_format tl_fw_tcpdump = {
	"tcpdump",
	"tcpdump text (-n, best with -tttt or -tt; -S for absolute sequence numbers)",
	sniff, parse
};

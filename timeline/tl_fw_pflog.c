/* tl_fw_pflog.c -- OpenBSD / FreeBSD pf logs. pflogd writes pcap
 * (DLT_PFLOG); what a volunteer pastes is that file read back with
 * `tcpdump -n -e -ttt -r /var/log/pflog`, one line per logged packet:
 *
 *   Nov 26 20:30:23.439748 rule 3/(match) block in on em0: 198.51.100.20.80 >
 *       203.0.113.1.45332: F 2533098713:2533098713(0) ack 2191708191 win 501 ...  (OpenBSD)
 *   00:00:03.824091 rule 0/0(match): block in on em0: 198.51.100.20.80 >
 *       203.0.113.1.45332: Flags [F.], seq 2533098713, ack 2191708191, ...      (FreeBSD)
 *   2026-11-26 20:30:24.030441 rule 0/0(match): block in on em0: ...       (-tttt)
 *
 * The "rule N/M(reason): action dir on if:" header is what -e prints for
 * DLT_PFLOG (older OpenBSD: "rule N/M(match): "; the default rule is
 * "rule def/(match)"; anchors "rule 1.anchor.2/"). On FreeBSD and upstream
 * tcpdump -ttt prints the delta to the previous line: such lines are
 * refused until an absolute -tttt line anchors them (notes B.6). */
#include "config.h"
#include <string.h>
#include "tl_fw.h"
#include "tl_scan.h"
#include "tl_tcpdump_syntax.h"

/* The parts of the pf header the segment keeps. */
struct pf_header {
	const char *action, *action_end, *dir, *dir_end, *ifname, *ifname_end;
	const char *packet;	/* where "src > dst: ..." starts */
};

/* "rule <nr>/<sub>(<reason>)[:] [[uid u, pid p] ]<action> <dir> on <if>: ";
 * 0 and *h filled, or -1. Shape only: what the words mean is the caller's. */
static int pf_header(const char *p, const char *end, struct pf_header *h)
{
	if (end - p < 5 || memcmp(p, "rule ", 5) != 0)
		return -1;
	p += 5;
	const char *w = tl_scan_word_end(p, end);
	const char *open = memchr(p, '(', (size_t)(w - p));
	if (!open || !memchr(p, '/', (size_t)(open - p)) || w[-1] == '(')
		return -1;
	const char *close = memchr(open, ')', (size_t)(w - open));
	if (!close || close == open + 1)
		return -1;
	p = close + 1;
	if (p < w && *p == ':')
		p++;
	if (p != w)
		return -1;
	p = tl_scan_blanks(p, end);
	if (p < end && *p == '[') {	/* OpenBSD -v: "[uid 0, pid 1234] " */
		const char *q = memchr(p, ']', (size_t)(end - p));
		if (!q)
			return -1;
		p = tl_scan_blanks(q + 1, end);
	}
	h->action = p;
	h->action_end = tl_scan_word_end(p, end);
	h->dir = tl_scan_blanks(h->action_end, end);
	h->dir_end = tl_scan_word_end(h->dir, end);
	p = tl_scan_blanks(h->dir_end, end);
	if (h->action_end == h->action || h->dir_end == h->dir || end - p < 3 ||
	    memcmp(p, "on ", 3) != 0)
		return -1;
	h->ifname = tl_scan_blanks(p + 3, end);
	h->ifname_end = tl_scan_word_end(h->ifname, end);
	if (h->ifname_end - h->ifname < 2 || h->ifname_end[-1] != ':')
		return -1;
	h->ifname_end--;
	h->packet = tl_scan_blanks(h->ifname_end + 1, end);
	/* tcpdump names no network layer here; tolerate one that does */
	if (end - h->packet >= 4 && memcmp(h->packet, "IP6 ", 4) == 0)
		h->packet += 4;
	else if (end - h->packet >= 3 && memcmp(h->packet, "IP ", 3) == 0)
		h->packet += 3;
	return 0;
}

/* A pf log line: a tcpdump time stamp (any -t form), then the pf header. */
static int sniff(const char *line, size_t len)
{
	static const struct tl_time_opts opts;	/* the zone only matters for values */
	struct tl_fw_state st;
	struct tl_segment seg;
	struct pf_header h;
	const char *p = line, *end = line + len;
	tl_fw_state_init(&st, &opts);
	if (tl_td_stamp(&st, &p, end, TL_TD_TOD_DELTA, &seg) == 0)
		return 0;
	if (p == line)	/* an unanchored delta: the stamp is there, skip it */
		p = tl_scan_blanks(tl_scan_word_end(line, end), end);
	return pf_header(p, end, &h) == 0;
}

/* The stamp first, even for a line refused later: -ttt deltas run on
 * through every line tcpdump printed. */
static enum tl_parse parse(struct tl_fw_state *st, const char *line, size_t len,
			   struct tl_segment *seg)
{
	const char *p = line, *end = tl_fw_line_end(seg, line, len);
	struct pf_header h;
	int stamp = tl_td_stamp(st, &p, end, TL_TD_TOD_DELTA, seg);
	if (stamp == 0) {
		st->error = "no tcpdump time stamp";
		return TL_PARSE_BAD;
	}
	if (stamp < 0)
		return TL_PARSE_BAD;
	if (pf_header(p, end, &h) < 0) {
		st->error = "no pf header \"rule N/M(reason): action dir on if:\" (read with tcpdump -e)";
		return TL_PARSE_BAD;
	}
	tl_pf_action(seg, h.action, h.action_end, h.dir, h.dir_end, h.ifname, h.ifname_end);
	return tl_td_packet(st, h.packet, end, seg);
}

const struct tl_fw_format tl_fw_pflog = {
	"pflog",
	"OpenBSD/FreeBSD pf log read with tcpdump -n -e -tttt -r pflog (-ttt deltas need an absolute line)",
	sniff, parse
};

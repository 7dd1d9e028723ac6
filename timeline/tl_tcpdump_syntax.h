/* tl_tcpdump_syntax.h -- the packet text of tcpdump, shared by the parsers
 * that read it (pf logs are pcap files read back through tcpdump, and plain
 * tcpdump text), plus the few TCP-text helpers the other non-Linux parsers
 * (filterlog, pfirewall, tshark) share with them:
 *
 *   time stamps:  2026-11-26 20:30:24.030441 (-tttt)   1795725024.442977 (-tt)
 *                 Nov 26 20:30:23.439748 (OpenBSD -ttt) 20:30:23.439748 (default)
 *                 00:00:03.824091 (upstream -ttt: delta to the previous line)
 *   packets:      198.51.100.20.80 > 203.0.113.1.45332: Flags [FP.], seq 65:225,
 *                     ack 96, win 64, options [nop,nop,TS val 1 ecr 2], length 160
 *                 198.51.100.20.80 > 203.0.113.1.45332: FP 65:225(160) ack 96 win 64
 *                     <nop,nop,timestamp 1 2> (DF)                (tcpdump 3.x, OpenBSD)
 *
 * Sources: tcpdump(1) 4.99 "TCP Packets" and -t options; OpenBSD tcpdump(8);
 * notes B.6 and B.9. Every function reads only [p, end). */
#ifndef TL_TCPDUMP_SYNTAX_H
#define TL_TCPDUMP_SYNTAX_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "tl_fw.h"

/* tl_scan_word_is for a literal: its length known when compiling, so the
 * comparison is a few instructions, not strlen + memcmp (the parsers ask
 * it for every item of every line). */
#define TL_IS_WORD(p, end, lit) \
	((size_t)((end) - (p)) == sizeof(lit) - 1 && memcmp((p), (lit), sizeof(lit) - 1) == 0)

/* What a time-only stamp ("HH:MM:SS.frac") means to the caller. */
enum tl_td_tod {
	TL_TD_TOD_AUTO,		/* tcpdump: time of day, unless the file shows -ttt */
	TL_TD_TOD_DELTA,	/* pf logs, read with -ttt: always a delta */
	TL_TD_TOD_DAY		/* tshark -t a: always a time of day */
};

/* A refusal: the short static reason goes to st->error. */
static inline enum tl_parse tl_fw_bad(struct tl_fw_state *st, const char *why)
{
	st->error = why;
	return TL_PARSE_BAD;
}

/* What every parse starts with: a zeroed segment, and the end of the line
 * without trailing CRs (files with CRLF line ends). */
const char *tl_fw_line_end(struct tl_segment *seg, const char *line, size_t len);

/* The time stamp at *p (one of the forms above) and the blank after it:
 * sets seg->t_us and t_res_us, advances *p. Returns 1 on success, 0 if
 * there is no stamp at *p, -1 (st->error set) for a delta without an
 * absolute time to add it to. */
int tl_td_stamp(struct tl_fw_state *st, const char **p, const char *end,
		enum tl_td_tod tod, struct tl_segment *seg);

/* "src.port > dst.port: <tcp>" at p: fills the addresses, ports and TCP
 * fields. SKIP when the packet is not TCP (UDP, ICMP, ...). */
enum tl_parse tl_td_packet(struct tl_fw_state *st, const char *p, const char *end,
			   struct tl_segment *seg);

/* Flag letters as filterlog, pfirewall and tcpdump write them (S F R P U E
 * W, C for CWR, A or '.' for ACK, 'e' for AE, which has no bit here) into
 * *flags; -1 on any other byte. */
int tl_flag_letters(const char *p, const char *end, uint8_t *flags);

/* A port as digits, or as the service name tcpdump/tshark print without
 * -n for the ports HTTP uses (http, https, http-alt, www); 0, or -1 for
 * anything else. The whole of [p, end) must be the port. */
int tl_port_text(const char *p, const char *end, uint16_t *port);

/* An address that must fill all of [p, end), normalised into out; 0 or -1. */
int tl_addr_text(const char *p, const char *end, char out[TL_ADDR_MAX]);

/* A decimal number that must fill all of [p, end) (32 bits); 0 or -1. */
int tl_u32_text(const char *p, const char *end, uint32_t *v);

/* Append text to seg->label (with a space between parts), cut to fit. */
void tl_label_add(struct tl_segment *seg, const char *p, const char *end);

/* pf's words, as filterlog and pf logs print them: the label "<action>
 * <dir> on <if>" ("block in on em0"), and the verdict of block / pass
 * (other actions -- match, scrub, nat, rdr -- say nothing of it). */
void tl_pf_action(struct tl_segment *seg, const char *action, const char *action_end,
		  const char *dir, const char *dir_end, const char *ifname, const char *ifname_end);

/* Mark seq/ack as relative when they look it. tcpdump (unless -S) and
 * tshark (by default) print numbers relative to a flow's first packet, and
 * neither says so on the line; an absolute number is a random 32-bit value
 * (below 10^6 with odds of 1 in 4300), while a relative one counts the
 * bytes of one direction of one exchange, and in an HTTP exchange at least
 * one direction is short. So: relative if seq or ack is <= 10^6. A
 * heuristic, documented as one. */
void tl_seq_guess_relative(struct tl_segment *seg);

#endif

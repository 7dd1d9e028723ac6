/* tl_fw.h -- the one small interface every firewall-log parser implements.
 *
 * A parser is a pair of pure functions over one line: a cheap "does this
 * line look like mine?" (used on a file's first lines to detect the format)
 * and the parser proper. Parsers never allocate, never print and never keep
 * a pointer into the line; what a format needs to remember across lines
 * (the columns of a #Fields header, the last absolute time for tcpdump -ttt
 * deltas) lives in struct tl_fw_state. */
#ifndef TL_FW_H
#define TL_FW_H

#include <stddef.h>
#include "tl_segment.h"
#include "tl_time.h"

enum tl_parse {
	TL_PARSE_SEGMENT = 0,	/* *seg is filled */
	TL_PARSE_SKIP,		/* a line of this format that is no TCP segment
				   (header, comment, UDP/ICMP, another log line) */
	TL_PARSE_BAD		/* malformed: st->error says what, in a few words */
};

#define TL_FW_COLS_MAX 32

/* Per-file state of one format; zeroed (tl_fw_state_init) before a file. */
struct tl_fw_state {
	const struct tl_time_opts *time; /* zone, year inference, boot time */
	struct tl_year_guess year;	/* for stamps without a year */
	const char *error;		/* static text, set with TL_PARSE_BAD */
	/* Columns named by a header line (Windows pfirewall.log's #Fields,
	   tshark -T fields -E header=y): cols[field] = its column, -1 if
	   absent; ncols columns; have_fields 1 once read, -1 if unusable. */
	signed char cols[TL_FW_COLS_MAX];
	int ncols, have_fields;
	char col_sep;	/* tshark -T fields: the header's separator, '\t' or ',' */
	/* The absolute time of the previous stamp (have_last_t = 1 once there
	   is one): what tcpdump -ttt deltas add to, and the date a time of day
	   (tcpdump's default, tshark -t a, tables) falls on. */
	int64_t last_t_us;
	int have_last_t;
	/* tcpdump text only: this file's time-only stamps are -ttt deltas (its
	   first stamp was the 00:00:00.000000 tcpdump prints first), not times
	   of day. */
	int td_deltas;
};

struct tl_fw_format {
	const char *name;	/* short, for --fw-format and messages */
	const char *what;	/* one line for --help */
	/* 1 if this line is typical of the format, else 0. */
	int (*sniff)(const char *line, size_t len);
	enum tl_parse (*parse)(struct tl_fw_state *st, const char *line,
			       size_t len, struct tl_segment *seg);
};

void tl_fw_state_init(struct tl_fw_state *st, const struct tl_time_opts *time);

/* All formats, in detection order (most specific first); NULL-terminated. */
extern const struct tl_fw_format *const tl_fw_formats[];
const struct tl_fw_format *tl_fw_format_by_name(const char *name);

/* The formats (each defined in its own tl_fw_*.c). */
extern const struct tl_fw_format tl_fw_klog;	  /* Linux LOG/NFLOG lines: iptables, nftables, ufw, firewalld, ulogd2 LOGEMU; syslog, RFC 3339, journalctl, dmesg */
extern const struct tl_fw_format tl_fw_filterlog; /* pfSense / OPNsense filterlog CSV */
extern const struct tl_fw_format tl_fw_pflog;	  /* OpenBSD / FreeBSD pf log as tcpdump prints it */
extern const struct tl_fw_format tl_fw_pfirewall; /* Windows Firewall pfirewall.log */
extern const struct tl_fw_format tl_fw_conntrack; /* conntrack -E events */
extern const struct tl_fw_format tl_fw_tcpdump;	  /* tcpdump text */
extern const struct tl_fw_format tl_fw_tshark_fields; /* tshark -T fields (TSV/CSV) */
extern const struct tl_fw_format tl_fw_tshark;	  /* tshark summary text */
extern const struct tl_fw_format tl_fw_table;	  /* "timestamp ip port" tables */

#endif

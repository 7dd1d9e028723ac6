/* tl_evlog.h -- the BOINC client's event log in every form volunteers have
 * it: stdoutdae.txt/.old, journalctl -u boinc-client (short, short-iso,
 * short-iso-precise, json), boinccmd --get_messages, and text copied from
 * BOINC Manager (the old "date|project|message" form and the tab-separated
 * one). Same shape as tl_fw.h: sniff + parse per line, no allocation; the
 * result points into the line. */
#ifndef TL_EVLOG_H
#define TL_EVLOG_H

#include <stddef.h>
#include <stdint.h>
#include "tl_time.h"
#include "tl_fw.h"		/* enum tl_parse */

struct tl_logline {
	int64_t t_us;		/* UTC µs */
	unsigned t_res_us;	/* 1000000 for the client's own stamps */
	const char *project;	/* "" for "[---]" or none */
	size_t project_len;
	const char *msg;	/* the message, without stamp and project tag */
	size_t msg_len;
};

struct tl_evlog_state {
	const struct tl_time_opts *time;
	struct tl_year_guess year;
	const char *error;	/* static text with TL_PARSE_BAD */
	/* journal json: "MESSAGE" may be an escaped string; decoded here */
	char buf[8192];
};

struct tl_evlog_format {
	const char *name;
	const char *what;
	int (*sniff)(const char *line, size_t len);
	enum tl_parse (*parse)(struct tl_evlog_state *st, const char *line,
			       size_t len, struct tl_logline *out);
};

void tl_evlog_state_init(struct tl_evlog_state *st, const struct tl_time_opts *time);

extern const struct tl_evlog_format *const tl_evlog_formats[];
const struct tl_evlog_format *tl_evlog_format_by_name(const char *name);

extern const struct tl_evlog_format tl_evlog_stdoutdae;	/* 26-Nov-2026 20:30:19 [proj] msg; 2005-06-15 13:05:05 [proj] msg */
extern const struct tl_evlog_format tl_evlog_journal;	/* journalctl -u boinc-client: short, short-iso, short-iso-precise */
extern const struct tl_evlog_format tl_evlog_journal_json; /* journalctl -o json */
extern const struct tl_evlog_format tl_evlog_boinccmd;	/* boinccmd --get_messages */
extern const struct tl_evlog_format tl_evlog_manager;	/* BOINC Manager copies: "date|proj|msg", tab-separated */

#endif

/*
 * A streaming summary of a BOINC scheduler request or reply body.
 *
 * The shim sees the plaintext bodies pass through libcurl's callbacks in
 * chunks of any size.  nl_sched_feed() hands them to expat as they come;
 * nothing of the body is kept but the whitelisted values below.  Secrets
 * (authenticator, cross_project_id, host_cpid, email_hash, user and team
 * names, stderr_out, preferences, ...) are never copied: only the listed
 * elements at their listed places are read, and attribute values never.
 *
 * Resource names in req_secs and req_instances are the names the client
 * itself prints in its "[sched_op] NAME work request: ..." lines and that
 * volunteers write in cc_config.xml and app_config.xml: "CPU", "NVIDIA",
 * "ATI" (AMD), "intel_gpu", "apple_gpu", or a generic coprocessor's own
 * <type>.  They are single words, so the trace never has to quote them.
 * Values are rounded to two decimals like the client's log ("%.2f"), with
 * trailing zeros dropped: "CPU:8640,NVIDIA:0.5".
 *
 * Leniency: the client's request is not always XML (a task's stderr_out
 * may hold control bytes, bytes that are not UTF-8, a "]]>" that ends its
 * CDATA early, after which the client's own "</stderr_txt>" is a stray end
 * tag; a server writes its messages and project name unescaped).  Before
 * expat sees the body, the contents of each <stderr_out> are dropped (as
 * BOINC's server reads them: raw, up to "</stderr_out>"; their newlines
 * are kept so that line numbers stay right), control bytes become spaces,
 * bytes that are not UTF-8 become '?', and a '&' that starts no predefined
 * or character reference, a '<' that starts no markup and a "]]>" in text
 * are escaped.  Each change counts in `repairs`; none is a note.  What
 * still fails stops the parse: the summary keeps what was read before, and
 * says why in note.
 *
 * Bounds, per parser: at most NL_SCHED_MAX_BYTES of a body are parsed (the
 * rest is counted); expat's allocations are capped at NL_SCHED_MAX_MEM
 * (its buffer, tag stack and name tables; over it the parse stops with a
 * note); elements nest at most NL_SCHED_MAX_DEPTH deep; a DOCTYPE stops
 * the parse (BOINC never sends one, so no entity is ever declared or
 * expanded).  Work per byte is constant but for expat re-scanning a token
 * split over chunks; chunks are gathered into NL_SCHED_STAGE bytes first,
 * so that re-scan stays small even when libcurl hands over single bytes.
 * expat runs when a stage is full and at the end, so an error is found
 * there; the bytes fed after that are ignored and counted.  Since expat
 * sees the same stages however the body was split, the summary does not
 * depend on the chunking.
 *
 * Threads: parsers are independent; one parser is used by one thread at a
 * time.  A parser is a plain struct (no malloc by the caller): zero it
 * once (a static pool is zero), then begin, feed..., end, and again.
 */
#ifndef NL_SCHED_XML_H
#define NL_SCHED_XML_H

#include <stddef.h>
#include <stdint.h>

/* The bounds; the fuzzer builds with small ones (every unit must agree). */
#ifndef NL_SCHED_MAX_BYTES
#define NL_SCHED_MAX_BYTES	(8u << 20)	/* parsed per body; the rest is counted */
#endif
#ifndef NL_SCHED_MAX_MEM
#define NL_SCHED_MAX_MEM	(2u << 20)	/* expat's heap per parser */
#endif
#ifndef NL_SCHED_STAGE
#define NL_SCHED_STAGE		16384u		/* bytes gathered before expat runs */
#endif
#define NL_SCHED_MAX_DEPTH	256u		/* element nesting */
#define NL_SCHED_COPROCS	8		/* coprocessors summarised (BOINC has <= 7) */

struct nl_sched_summary {
	char	root[32];	/* root element ("scheduler_request", ...) or "" */
	int	complete;	/* the root element was closed */
	char	note[160];	/* "" or what was wrong (see nl_sched_end) */
	/* request */
	char	req_secs[192];		/* "CPU:8640,NVIDIA:0.5" */
	char	req_instances[192];	/* "CPU:8,NVIDIA:1" */
	unsigned reported;		/* <result> children of <scheduler_request> */
	/* reply */
	unsigned received;		/* <result> children of <scheduler_reply> */
	int	have_request_delay;
	double	request_delay;
	int	have_scheduler_version;
	unsigned scheduler_version;
	char	project_name[128];
	char	master_url[256];	/* user info, query values, fragment removed;
					   "" unless it reads scheme://... */
	char	messages[512];		/* <message> texts joined by " | " */
	/* the body (added fields) */
	uint64_t body_bytes;		/* bytes fed, all of them */
	uint64_t ignored_bytes;		/* fed after the parse had stopped, or past the cap */
	unsigned repairs;		/* bytes changed to make the body XML (see above) */
};

/* Opaque to callers; defined here so that a parser can live in a static pool. */
struct nl_sched_text {		/* a collapsed-whitespace text being built */
	size_t		len;
	unsigned char	space;	/* whitespace seen since the last character */
	unsigned char	sep;	/* a " | " is due before the next character */
	unsigned char	cut;	/* full: "..." written, the rest dropped */
};

struct nl_sched_coproc {
	char	name[24];
	double	secs, instances;
	unsigned char have_secs, have_instances;
};

struct nl_sched_parser {
	unsigned	magic;		/* NL_SCHED_MAGIC while begun */
	int		state;		/* idle, parsing, stopped */
	int		is_reply;
	int		stop_reason;	/* why a handler stopped expat */
	void		*xp;		/* the expat parser (XML_Parser) */
	size_t		mem_used;	/* expat's heap, now */
	size_t		mem_peak;	/* and at most (kept after nl_sched_end) */
	uint64_t	parsed;		/* input bytes accepted (<= NL_SCHED_MAX_BYTES) */
	/* the filter in front of expat */
	unsigned char	u8[4];		/* a UTF-8 sequence being checked */
	unsigned char	u8_len, u8_need, u8_lo, u8_hi;
	unsigned char	held[12];	/* '<' or '&'... waiting for a decision */
	unsigned char	held_len;
	unsigned char	cdata;		/* inside <![CDATA[ ... ]]> */
	unsigned char	match;		/* progress through "<![CDATA[" or "]]>" */
	unsigned char	rsqb;		/* ']' just before, in text (0..2) */
	unsigned char	skip;		/* inside <stderr_out>: dropped */
	unsigned char	smatch;		/* progress through "<stderr_out>" or its end */
	size_t		stage_len;
	char		stage[NL_SCHED_STAGE];
	/* where we are */
	unsigned	depth;
	int		doc;		/* request, reply or other */
	unsigned char	in_coprocs, in_coproc;
	int		capture;	/* what the text now read goes to */
	unsigned	capture_depth;
	char		text[512];	/* a number, a type or the master URL */
	size_t		text_len;
	int		text_bad;	/* too long, or had child elements */
	struct nl_sched_text project, msgs;
	/* what the request asked for */
	double		cpu_secs, cpu_work_req, cpu_instances;
	unsigned char	have_cpu_secs, have_cpu_work_req, have_cpu_instances;
	unsigned	n_coprocs;
	struct nl_sched_coproc coproc[NL_SCHED_COPROCS];
	struct nl_sched_summary sum;
};

/*
 * Start a body.  is_reply names the root expected when none was seen
 * ("truncated: no <scheduler_reply>"); the fields read depend on the root
 * element found.  A parser still begun is ended first (its summary lost).
 */
void	nl_sched_begin(struct nl_sched_parser *, int is_reply);

/* More of the body, any size, any split.  Ignored (and counted) after an error. */
void	nl_sched_feed(struct nl_sched_parser *, const char *buf, size_t n);

/*
 * The body is over: finish, fill *out, release everything the parser
 * holds (its memory is freed and wiped).  note is "" or one of:
 *   "empty body"
 *   "malformed XML at line L: <expat's message>"
 *   "truncated: no </ROOT>"  /  "truncated: no <scheduler_reply>"
 *   "body over 8 MiB: summary of the first 8 MiB"
 *   "parser memory over 2 MiB at line L: summary of what came before"
 *   "nesting deeper than 256 at line L"
 *   "DOCTYPE at line L: not expected in a BOINC body"
 *   "unexpected root <html>"
 *   "parser unavailable: out of memory"
 */
void	nl_sched_end(struct nl_sched_parser *, struct nl_sched_summary *out);

#endif

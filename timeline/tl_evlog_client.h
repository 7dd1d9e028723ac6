/* tl_evlog_client.h -- the pieces every event-log form shares: the client's
 * own line "STAMP [project] message" (stdoutdae.txt, the journal's inner
 * text, journal JSON's MESSAGE, boinccmd after its "(priority)"), split
 * without copying. Private to the tl_evlog_*.c parsers. */
#ifndef TL_EVLOG_CLIENT_H
#define TL_EVLOG_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include "tl_evlog.h"

/* Longest project tag taken as one; a longer "[..." is message text. */
#define TL_EVLOG_PROJECT_MAX 256

/* Length of the client stamp at p by shape alone: 20 for "26-Nov-2026
 * 20:30:19" (6.x and later), 19 for "2005-06-15 13:05:05" (5.x), else 0.
 * Digits and separators are checked, values are not. */
size_t tl_evlog_stamp_shape(const char *p, size_t n);

/* The client stamp at p read in the zone of o (local, no zone written):
 * bytes used (19 or 20) and *t_us, or 0 if it is none or out of range. */
size_t tl_evlog_stamp(const struct tl_time_opts *o, const char *p, size_t n, int64_t *t_us);

/* "[project] message" or, untagged, "message" into out; "[---]" and "[]"
 * give project "". A trailing CR is dropped from the message. */
void tl_evlog_split_tag(const char *p, size_t n, struct tl_logline *out);

/* A whole client line "STAMP [project] message" at p: SEGMENT with out
 * filled (time, resolution 1 s); SKIP when p does not start like a stamp
 * (a continuation line of a multi-line message); BAD when the stamp is
 * damaged or nothing follows it. */
enum tl_parse tl_evlog_client_line(struct tl_evlog_state *st, const char *p, size_t n,
				   struct tl_logline *out);

/* Cheap test for sniffing: a client stamp, a space and a project tag. */
int tl_evlog_client_line_sniff(const char *p, size_t n);

/* n without one trailing CR (a CRLF file read by something else). */
size_t tl_evlog_chop_cr(const char *p, size_t n);

#endif

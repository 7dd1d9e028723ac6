/* tl_emit.h -- writing the merged timeline: the text form people read (in
 * the client's log style, each line tagged with its host and source, and a
 * {key=value} tail that "netlife show" filters on) and JSONL for programs
 * (docs/timeline-format.md). */
#ifndef TL_EMIT_H
#define TL_EMIT_H

#include <stdio.h>
#include "tl_attrib.h"
#include "tl_clock.h"
#include "tl_model.h"

struct tl_emit {
	FILE *f;
	int jsonl;
	const struct tl_model *m;
	const struct tl_time_opts *time;
};

void tl_emit_header(struct tl_emit *e, const char *tz, unsigned ninputs);
void tl_emit_input(struct tl_emit *e, const char *path, const char *kind, const char *format,
		   const char *host, unsigned long long lines, unsigned long long used,
		   unsigned long long bad);
void tl_emit_clock(struct tl_emit *e, const char *path, const struct tl_clock_estimate *c);
void tl_emit_log(struct tl_emit *e, const struct tl_logrec *l);
void tl_emit_conn_open(struct tl_emit *e, const struct tl_conn *c);
void tl_emit_conn_close(struct tl_emit *e, const struct tl_conn *c);
void tl_emit_exchange(struct tl_emit *e, const struct tl_exchange *x);
void tl_emit_segment(struct tl_emit *e, const struct tl_segment *seg, const char *source,
		     unsigned long long line, const struct tl_attribution *a);
/* A free line of the summary ("# ..." in text; {"type":"summary",...}). */
void tl_emit_summary_row(struct tl_emit *e, const char *group, const char *name,
			 unsigned long long contacts, unsigned long long late,
			 const char *causes, double delay_min, double delay_max);
void tl_emit_note(struct tl_emit *e, const char *text);

/* JSON string body of s[0..n) into f (without quotes). */
void tl_json_string(FILE *f, const char *s, size_t n);

#endif

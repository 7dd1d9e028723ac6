/* tl_show.h -- reading a written timeline again: "netlife show" (filters),
 * "netlife explain" (one dropped packet, with its connection and exchange)
 * and "netlife stats" (the tallies). */
#ifndef TL_SHOW_H
#define TL_SHOW_H

#include <stddef.h>
#include <stdint.h>
#include "tl_kv.h"

/* One line of a text timeline, split (show/explain/stats read these). */
struct tl_timeline_line {
	const char *text;	/* the whole line */
	size_t human_len;	/* up to the {key=value} tail */
	char host[64];
	struct tl_kv kv;
	int64_t t;
};
/* 0, or -1 for a line that is not a timeline entry ("#" lines, others). */
int tl_timeline_line_parse(const char *l, size_t len, struct tl_timeline_line *out);

int tl_show_main(int argc, char **argv);
int tl_explain_main(int argc, char **argv);
int tl_stats_main(int argc, char **argv);

#endif

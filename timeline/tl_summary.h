/* tl_summary.h -- the tallies at the end of a timeline: per project and per
 * exchange kind, how many contacts, how many late segments, of which causes,
 * how long after the close. */
#ifndef TL_SUMMARY_H
#define TL_SUMMARY_H

#include "tl_emit.h"

struct tl_summary_group {
	char group[8], name[64];
	unsigned long long exchanges, late;
	unsigned long long causes[12];
	double dmin, dmax;
};

struct tl_summary {
	struct tl_summary_group g[128];
	unsigned n;
	unsigned long long unattributed;
};

void tl_summary_exchange(struct tl_summary *s, const struct tl_exchange *x);
void tl_summary_segment(struct tl_summary *s, const struct tl_model *m,
			const struct tl_attribution *a);
void tl_summary_emit(const struct tl_summary *s, struct tl_emit *e);

#endif

/* tl_clock.h -- how far a firewall's clock is from the client's, estimated
 * from the segments themselves, reported, and overridable (--clock-offset). */
#ifndef TL_CLOCK_H
#define TL_CLOCK_H

#include <stdint.h>
#include "tl_model.h"
#include "tl_spool.h"

struct tl_clock_estimate {
	int64_t offset_us;	/* the source's clock minus the client's */
	unsigned matched;	/* connections it rests on */
	int exact;		/* from anchors seen on both sides (SYN, client's FIN/RST) */
	int applied;		/* 0: clocks agree within the estimate's precision */
	char how[160];
};

/* Estimate from a spool's segments (reads it through; rewinds it). */
void tl_clock_estimate(const struct tl_model *m, struct tl_spool *s, struct tl_clock_estimate *e);

#endif

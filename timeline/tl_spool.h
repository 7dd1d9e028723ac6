/* tl_spool.h -- the segments worth attributing (those from servers the
 * client talked to), kept in a temporary file between reading a firewall
 * log and writing the timeline: memory stays flat whatever the log's size. */
#ifndef TL_SPOOL_H
#define TL_SPOOL_H

#include <stdint.h>
#include <stdio.h>
#include "tl_segment.h"

struct tl_spooled {
	struct tl_segment seg;
	unsigned input;		/* index of the input it came from */
	uint64_t line;		/* its line (packet number in a capture) */
};

struct tl_spool {
	FILE *f;
	uint64_t count;
};

int tl_spool_open(struct tl_spool *s);
int tl_spool_put(struct tl_spool *s, const struct tl_spooled *rec);
/* Read all back from the start: call tl_spool_rewind, then tl_spool_get
 * until it returns 0. */
int tl_spool_rewind(struct tl_spool *s);
int tl_spool_get(struct tl_spool *s, struct tl_spooled *rec);
void tl_spool_close(struct tl_spool *s);

#endif

/* tl_clock.c -- the clock offset between a firewall (or capture) and the
 * client. Exact anchors win: a captured client SYN is the trace's
 * t_connect, a captured client FIN/RST is its close. A log of dropped
 * segments has no such anchor, and late segments are late by amounts the
 * client cannot know (idle connections' are even before the close), so the
 * clocks are taken to agree unless the segments themselves say they can't:
 * a segment before its connection's connect (the firewall's clock is
 * behind), or the first segments of most connections more than 20 s after
 * the close (ahead: real late segments mostly come within moments). Then
 * the offset is the low edge of "first dropped segment - close" over the
 * connections, read as the lowest value that a quarter of them cluster just
 * above, so one odd connection can't drag it. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tl_clock.h"

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* The only connection with this key in all traces (index+1), else 0. */
static unsigned unique_conn(const struct tl_model *m, const char *remote, uint16_t rport, uint16_t lport)
{
	unsigned first = tl_model_first(m, remote, rport, lport), found = 0;
	for (unsigned i = first; i; i = m->conns[i - 1].next_same_key) {
		if (rport && m->conns[i - 1].rport != rport)
			continue;
		if (found)
			return 0;
		found = i;
	}
	return found;
}

void tl_clock_estimate(const struct tl_model *m, struct tl_spool *s, struct tl_clock_estimate *e)
{
	memset(e, 0, sizeof *e);
	int64_t *first_delay = calloc(m->nconns + 1, sizeof *first_delay);
	unsigned before_connect = 0;
	unsigned char *seen = calloc(m->nconns + 1, 1);
	int64_t *exact = malloc(sizeof *exact * 1024);
	unsigned nexact = 0;
	struct tl_spooled r;
	if (!first_delay || !seen || !exact)
		abort();
	tl_spool_rewind(s);
	while (tl_spool_get(s, &r)) {
		const struct tl_segment *g = &r.seg;
		unsigned in = unique_conn(m, g->src, g->sport, g->dport);
		unsigned out = in ? 0 : unique_conn(m, g->dst, g->dport, g->sport);
		if (in) {
			const struct tl_conn *c = &m->conns[in - 1];
			if (g->cap_client_close_us && c->t_close && nexact < 1024)
				exact[nexact++] = g->cap_client_close_us - c->t_close;
			if (g->kind == TL_KIND_SEGMENT && g->t_us + (int64_t)g->t_res_us < c->t_connect - 2000000)
				before_connect++;
			if (c->t_close && g->kind == TL_KIND_SEGMENT) {
				int64_t d = g->t_us - c->t_close;
				if (!seen[in] || d < first_delay[in])
					first_delay[in] = d;
				seen[in] = 1;
			}
		} else if (out && g->has_flags && (g->flags & (TL_SYN | TL_ACK)) == TL_SYN && nexact < 1024) {
			exact[nexact++] = g->t_us - m->conns[out - 1].t_connect;
		}
	}
	tl_spool_rewind(s);
	if (nexact) {
		qsort(exact, nexact, sizeof *exact, cmp_i64);
		e->offset_us = exact[nexact / 2];
		e->matched = nexact;
		e->exact = 1;
		e->applied = 1;
		snprintf(e->how, sizeof e->how, "median of %u exact anchors (client SYN/FIN/RST in both)", nexact);
	} else {
		unsigned n = 0;
		for (size_t i = 1; i <= m->nconns; i++)
			if (seen[i])
				first_delay[n++] = first_delay[i];
		if (n) {
			unsigned far_after = 0;
			for (unsigned i = 0; i < n; i++)
				far_after += first_delay[i] > 20000000;
			qsort(first_delay, n, sizeof *first_delay, cmp_i64);
			unsigned need = (n + 3) / 4, j = 0;
			for (unsigned i = 0; i < n; i++) {
				while (j < n && first_delay[j] <= first_delay[i] + 2000000)
					j++;
				if (j - i >= need) {
					e->offset_us = first_delay[i];
					break;
				}
			}
			e->matched = n;
			int evidence = before_connect > 0 || (far_after * 2 > n);
			e->applied = evidence && (e->offset_us >= 1000000 || e->offset_us <= -1000000);
			if (e->applied)
				snprintf(e->how, sizeof e->how,
					 "low edge of the first late segment after the client's close, over %u "
					 "connections (%s)", n, before_connect ? "segments before their connect"
					 : "most first segments > 20 s after the close");
			else
				snprintf(e->how, sizeof e->how,
					 "no sign of an offset in %u connections' segments (give --clock-offset "
					 "if the clocks differ)", n);
			if (!e->applied)
				e->offset_us = 0;
		} else {
			snprintf(e->how, sizeof e->how, "nothing to estimate from (no segment of a known connection)");
		}
	}
	free(first_delay);
	free(seen);
	free(exact);
}

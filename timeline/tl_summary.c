/* tl_summary.c -- tallies by project and by kind (a fixed, small table:
 * beyond 128 groups the rest go to "other"). */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "tl_summary.h"

static const char *const cause_names[] = {
	TL_CAUSE_RST_UNREAD, TL_CAUSE_LATE_DATA, TL_CAUSE_LATE_FIN, TL_CAUSE_FIN_RETRANSMIT,
	TL_CAUSE_RST_ANSWER, TL_CAUSE_IDLE_CLOSED, TL_CAUSE_DATA_RETRANSMIT,
	TL_CAUSE_STATE_LOST, TL_CAUSE_OUTBOUND, TL_CAUSE_UNEXPLAINED
};
#define NCAUSES (sizeof cause_names / sizeof cause_names[0])

static struct tl_summary_group *group_of(struct tl_summary *s, const char *group, const char *name)
{
	for (unsigned i = 0; i < s->n; i++)
		if (strcmp(s->g[i].group, group) == 0 && strcmp(s->g[i].name, name) == 0)
			return &s->g[i];
	const unsigned max = sizeof s->g / sizeof s->g[0];
	if (s->n >= max - 2 && strcmp(name, "other") != 0)
		return group_of(s, group, "other");	/* a full table: the rest is "other" */
	if (s->n == max)
		return &s->g[max - 1];
	struct tl_summary_group *g = &s->g[s->n++];
	memset(g, 0, sizeof *g);
	snprintf(g->group, sizeof g->group, "%s", group);
	snprintf(g->name, sizeof g->name, "%s", name);
	return g;
}

void tl_summary_exchange(struct tl_summary *s, const struct tl_exchange *x)
{
	group_of(s, "project", x->project ? x->project : "-")->exchanges++;
	group_of(s, "kind", x->kind[0] ? x->kind : "-")->exchanges++;
}

/* Count one segment in its project's and its kind's group. */
void tl_summary_segment(struct tl_summary *s, const struct tl_model *m,
			const struct tl_attribution *a)
{
	if (!a->attributed) {
		s->unattributed++;
		return;
	}
	if (!a->inbound)
		return;
	const struct tl_exchange *x = a->exchange >= 0 ? &m->xchs[a->exchange] : NULL;
	struct tl_summary_group *gs[2] = {
		group_of(s, "project", x && x->project ? x->project : "-"),
		group_of(s, "kind", x && x->kind[0] ? x->kind : "-"),
	};
	double d = a->has_after_close ? (double)a->after_close_us / 1e6 : 0;
	for (unsigned k = 0; k < 2; k++) {
		struct tl_summary_group *g = gs[k];
		if (g->late == 0 || d < g->dmin)
			g->dmin = d;
		if (g->late == 0 || d > g->dmax)
			g->dmax = d;
		g->late++;
		for (unsigned i = 0; i < NCAUSES; i++)
			if (strcmp(a->cause, cause_names[i]) == 0)
				g->causes[i]++;
	}
}

void tl_summary_emit(const struct tl_summary *s, struct tl_emit *e)
{
	for (unsigned i = 0; i < s->n; i++) {
		const struct tl_summary_group *g = &s->g[i];
		char causes[256] = "";
		size_t o = 0;
		for (unsigned c = 0; c < NCAUSES && o < sizeof causes; c++)
			if (g->causes[c])
				o += (size_t)snprintf(causes + o, sizeof causes - o, "%s%s %llu", o ? ", " : "",
						      cause_names[c], g->causes[c]);
		tl_emit_summary_row(e, g->group, g->name, g->exchanges, g->late, causes, g->dmin, g->dmax);
	}
	if (s->unattributed) {
		char text[96];
		snprintf(text, sizeof text, "unattributed segments: %llu (each listed with its reason)", s->unattributed);
		tl_emit_note(e, text);
	}
}

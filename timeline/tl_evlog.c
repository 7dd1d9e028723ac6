/* tl_evlog.c -- the list of event-log forms, in detection order. */
#include "config.h"
#include <string.h>
#include "tl_evlog.h"

const struct tl_evlog_format *const tl_evlog_formats[] = {
	&tl_evlog_journal_json, &tl_evlog_boinccmd, &tl_evlog_journal,
	&tl_evlog_manager, &tl_evlog_stdoutdae, NULL
};

/* Found by its short name, for --log-format. */
const struct tl_evlog_format *tl_evlog_format_by_name(const char *name)
{
	for (unsigned i = 0; tl_evlog_formats[i]; i++)
		if (strcmp(tl_evlog_formats[i]->name, name) == 0)
			return tl_evlog_formats[i];
	return NULL;
}

/* A fresh per-file state. */
void tl_evlog_state_init(struct tl_evlog_state *st, const struct tl_time_opts *time)
{
	memset(st, 0, sizeof *st);
	st->time = time;
}

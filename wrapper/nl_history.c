/*
 * History letters.  When the string is nearly full, a '+' marks that
 * letters were dropped; the last place is kept for the close letter ('F'
 * or 'R'), so the start and the end of a long connection's story survive,
 * which is what a reader needs to see.
 */
#include "config.h"

#include "nl_history.h"
#include "netlife/trace_format.h"

/* Put one letter at the end. */
static void
nl_history_put(struct nl_history *h, char letter)
{
	h->letters[h->len++] = letter;
	h->letters[h->len] = '\0';
}

/* Append a letter, or mark the history as truncated. */
void
nl_history_add(struct nl_history *h, char letter)
{
	if (h->len < NL_HISTORY_MAX - 2)
		nl_history_put(h, letter);
	else if (h->len == NL_HISTORY_MAX - 2)
		nl_history_put(h, NL_H_TRUNCATED);
}

/* Append the closing letter, which always has a place. */
void
nl_history_close(struct nl_history *h, char letter)
{
	if (h->len < NL_HISTORY_MAX)
		nl_history_put(h, letter);
}

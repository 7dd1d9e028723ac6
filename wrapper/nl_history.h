/*
 * A connection's story in letters (see include/netlife/trace_format.h):
 * bounded, so a connection that lives for days still costs 48 bytes.
 */
#ifndef NL_HISTORY_H
#define NL_HISTORY_H

#define NL_HISTORY_MAX	40

struct nl_history {
	char		letters[NL_HISTORY_MAX + 1];	/* NUL-terminated */
	unsigned char	len;
};

void	nl_history_add(struct nl_history *, char letter);
void	nl_history_close(struct nl_history *, char letter);

#endif

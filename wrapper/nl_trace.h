/*
 * The trace file: opened on first use, one write(2) per record on an
 * O_APPEND descriptor, rotated by size, and never a reason for the client
 * to stop or to see an error.
 */
#ifndef NL_TRACE_H
#define NL_TRACE_H

#include "nl_text.h"

void	nl_trace_emit(struct nl_line *);
int	nl_trace_owns_fd(int fd);
void	nl_trace_step_aside(int fd);

#endif

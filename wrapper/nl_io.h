/*
 * The hot path: what every data call on a descriptor costs.  One bounds
 * check and one load say "not ours"; for a tracked socket, two atomic adds
 * and one byte compare, and only a change of direction (a turn), an end
 * or an error leaves this file for the cold paths in nl_lifecycle.c.
 */
#ifndef NL_IO_H
#define NL_IO_H

#include <sys/types.h>

#include "nl_conn.h"
#include "nl_lifecycle.h"

#define NL_LIKELY(x)	__builtin_expect(!!(x), 1)
#define NL_UNLIKELY(x)	__builtin_expect(!!(x), 0)

/*
 * Before a call that may send on fd: if it starts a new turn, the idle
 * gap must be read from the kernel now, before a quick reply can arrive
 * and reset tcpi_last_data_recv.  Returns the connection for nl_io_sent.
 */
static inline struct nl_conn *
nl_io_sending(int fd)
{
	struct nl_conn *c = nl_conn_of(fd);

	if (NL_UNLIKELY(c != 0) && NL_UNLIKELY(c->fast_dir != NL_DIR_SEND))
		nl_idle_probe(c, fd);
	return c;
}

/* After a call that sent r bytes (or failed) on c's descriptor fd. */
static inline void
nl_io_sent(struct nl_conn *c, int fd, ssize_t r)
{
	if (NL_LIKELY(c == 0))
		return;
	if (NL_LIKELY(r > 0)) {
		__atomic_fetch_add(&c->sent, (uint64_t)r, __ATOMIC_RELAXED);
		__atomic_fetch_add(&c->send_calls, 1, __ATOMIC_RELAXED);
		if (NL_UNLIKELY(c->fast_dir != NL_DIR_SEND))
			nl_turn(c, fd, NL_DIR_SEND);
	} else if (r < 0)
		nl_on_io_error(c, fd);
}

/*
 * After a call that received r bytes (or 0 = EOF, or failed) on fd.
 * Peeked bytes stay in the kernel, so they are not counted; a peek that
 * returns 0 is still the server's FIN (libcurl's liveness probe).
 */
static inline void
nl_io_received(int fd, ssize_t r, size_t asked, int peek)
{
	struct nl_conn *c = nl_conn_of(fd);

	if (NL_LIKELY(c == 0))
		return;
	if (NL_LIKELY(r > 0)) {
		if (peek)
			return;
		__atomic_fetch_add(&c->recvd, (uint64_t)r, __ATOMIC_RELAXED);
		__atomic_fetch_add(&c->recv_calls, 1, __ATOMIC_RELAXED);
		if (NL_UNLIKELY(c->fast_dir != NL_DIR_RECV))
			nl_turn(c, fd, NL_DIR_RECV);
	} else if (r == 0) {
		if (asked > 0)
			nl_on_eof(c, fd);
	} else
		nl_on_io_error(c, fd);
}

#endif

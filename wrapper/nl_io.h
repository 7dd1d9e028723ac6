/*
 * The hot path: what every data call on a descriptor costs.  A wrapper
 * asks nl_slot_of() (a bounds check and one load) and, for a descriptor
 * that is not a tracked socket, tail-calls the real function: nothing
 * else.  A tracked socket goes to a separate, never-inlined function
 * (nl_wrap_io.c) that adds two atomic adds and one byte compare; only a
 * change of direction (a turn), an end or an error reaches the cold paths
 * in nl_lifecycle.c.
 */
#ifndef NL_IO_H
#define NL_IO_H

#include <sys/types.h>

#include "nl_conn.h"
#include "nl_lifecycle.h"

#define NL_LIKELY(x)	__builtin_expect(!!(x), 1)
#define NL_UNLIKELY(x)	__builtin_expect(!!(x), 0)
#define NL_NOINLINE	__attribute__((noinline))

/*
 * Before a call that may send on slot s: a send that starts a new turn
 * may end an idle gap, which must be measured before the real send (see
 * nl_idle_probe).  Returns whether this send starts a turn.
 */
static inline int
nl_io_sending(unsigned s, int fd)
{
	int turn = nl_hot[s].fast_dir != NL_DIR_SEND;

	if (NL_UNLIKELY(turn))
		nl_idle_probe(nl_conn_at(s), fd);
	return turn;
}

/* After a call that sent r bytes (or failed) on slot s. */
static inline void
nl_io_sent(unsigned s, int fd, ssize_t r, int turn)
{
	struct nl_hot *h = &nl_hot[s];

	if (NL_LIKELY(r > 0)) {
		__atomic_fetch_add(&h->sent, (uint64_t)r, __ATOMIC_RELAXED);
		__atomic_fetch_add(&h->send_calls, 1, __ATOMIC_RELAXED);
		if (NL_UNLIKELY(turn))
			nl_turn(nl_conn_at(s), fd, NL_DIR_SEND);
	} else if (r < 0)
		nl_on_io_error(nl_conn_at(s), fd);
}

/*
 * After a call that received r bytes (or 0, or failed) on slot s.  A 0
 * may be the server's FIN or a zero-length read: nl_on_eof asks the
 * kernel which, so the hot path keeps no more than fd and s.
 */
static inline void
nl_io_received(unsigned s, int fd, ssize_t r)
{
	struct nl_hot *h = &nl_hot[s];

	if (NL_LIKELY(r > 0)) {
		__atomic_fetch_add(&h->recvd, (uint64_t)r, __ATOMIC_RELAXED);
		__atomic_fetch_add(&h->recv_calls, 1, __ATOMIC_RELAXED);
		if (NL_UNLIKELY(h->fast_dir != NL_DIR_RECV))
			nl_turn(nl_conn_at(s), fd, NL_DIR_RECV);
	} else if (r == 0)
		nl_on_eof(nl_conn_at(s), fd);
	else
		nl_on_io_error(nl_conn_at(s), fd);
}

/*
 * After a peek (MSG_PEEK): the bytes stay in the kernel, so nothing is
 * counted; but a peek that returns 0 is the server's FIN (libcurl's
 * liveness probe of a cached connection).
 */
static inline void
nl_io_peeked(unsigned s, int fd, ssize_t r)
{
	if (r == 0)
		nl_on_eof(nl_conn_at(s), fd);
	else if (r < 0)
		nl_on_io_error(nl_conn_at(s), fd);
}

#endif

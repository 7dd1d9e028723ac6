/*
 * Claiming, sharing and releasing connection slots.  A slot belongs to a
 * socket from socket() to the close of its last descriptor; dup'd
 * descriptors share it through a reference count.
 */
#include "config.h"

#include <string.h>

#include "nl_conn.h"

struct nl_conn	nl_conns[NL_CONN_MAX];
struct nl_hot	nl_hot[NL_CONN_MAX + 1];
uint16_t	nl_fd_slot[NL_FD_MAX];

static uint32_t	nl_next_id;	/* atomic: last conn= given */
static unsigned	nl_high;	/* atomic: slots ever used: [0, nl_high) */
static unsigned	nl_full;	/* atomic: sockets not tracked: table full */

/*
 * Claim a free slot for a new socket on fd; NULL if the table is full.
 * The lowest free slot is taken, so that the slots in use stay packed
 * at the start and every scan of the table stops at nl_high: a client
 * with a few connections touches a few cache lines, not a thousand.
 */
struct nl_conn *
nl_conn_new(int fd)
{
	unsigned s, high;

	if ((unsigned)fd >= NL_FD_MAX)
		return NULL;
	for (s = 0; s < NL_CONN_MAX; s++) {
		struct nl_conn *c = &nl_conns[s];
		uint32_t expect = 0;

		if (!__atomic_compare_exchange_n(&c->in_use, &expect, 1, 0,
		    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			continue;
		memset((char *)c + sizeof(c->in_use), 0,
		    sizeof(*c) - sizeof(c->in_use));
		memset(&nl_hot[s + 1], 0, sizeof(nl_hot[s + 1]));
		c->refs = 1;
		high = __atomic_load_n(&nl_high, __ATOMIC_RELAXED);
		while (high < s + 1 && !__atomic_compare_exchange_n(&nl_high,
		    &high, s + 1, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
			;
		__atomic_store_n(&nl_fd_slot[fd], (uint16_t)(s + 1),
		    __ATOMIC_RELEASE);
		return c;
	}
	__atomic_fetch_add(&nl_full, 1, __ATOMIC_RELAXED);
	return NULL;
}

/* A dup'd descriptor: map newfd to the same connection. */
void
nl_conn_share(struct nl_conn *c, int newfd)
{
	if ((unsigned)newfd >= NL_FD_MAX)
		return;
	__atomic_fetch_add(&c->refs, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&nl_fd_slot[newfd], (uint16_t)(c - nl_conns + 1),
	    __ATOMIC_RELEASE);
}

/*
 * Forget fd.  Returns its connection (or NULL) and sets *last when this
 * was its last descriptor: the caller then reports the close and frees it.
 */
struct nl_conn *
nl_conn_unmap(int fd, int *last)
{
	unsigned s;
	struct nl_conn *c;

	*last = 0;
	if ((unsigned)fd >= NL_FD_MAX)
		return NULL;
	s = __atomic_exchange_n(&nl_fd_slot[fd], 0, __ATOMIC_ACQ_REL);
	if (s == 0)
		return NULL;
	c = &nl_conns[s - 1];
	*last = (__atomic_sub_fetch(&c->refs, 1, __ATOMIC_ACQ_REL) == 0);
	return c;
}

/* Give a slot back once its close has been reported. */
void
nl_conn_free(struct nl_conn *c)
{
	__atomic_store_n(&c->in_use, 0, __ATOMIC_RELEASE);
}

/* The next connection number of this run (1, 2, ...). */
uint32_t
nl_conn_next_id(void)
{
	return __atomic_add_fetch(&nl_next_id, 1, __ATOMIC_RELAXED);
}

/*
 * Forget every descriptor: used in a forked child, which is not traced.
 * The slots themselves become unreachable, so they need no clearing.
 */
void
nl_conn_table_reset(void)
{
	memset(nl_fd_slot, 0, sizeof(nl_fd_slot));
}

/* How many sockets went untracked because the table was full. */
unsigned
nl_conn_dropped(void)
{
	return __atomic_load_n(&nl_full, __ATOMIC_RELAXED);
}

/* An open connection is one whose slot is taken and still mapped. */
static int
nl_conn_open(const struct nl_conn *c)
{
	return __atomic_load_n(&c->in_use, __ATOMIC_ACQUIRE) &&
	    __atomic_load_n(&c->refs, __ATOMIC_ACQUIRE) != 0;
}

/*
 * The established connection with these ports: how an HTTP request that
 * libcurl is about to send is tied to its socket.  A linear scan, once
 * per request, of a table that is almost empty.
 */
struct nl_conn *
nl_conn_by_ports(unsigned lport, unsigned rport)
{
	unsigned i, high = __atomic_load_n(&nl_high, __ATOMIC_ACQUIRE);

	for (i = 0; i < high; i++) {
		struct nl_conn *c = &nl_conns[i];

		if (nl_conn_open(c) &&
		    c->lport == lport && c->rport == rport && lport != 0)
			return c;
	}
	return NULL;
}

/*
 * The open connection numbered id (conn=), or NULL once it is closed: an
 * exchange names its connections by number, and only an open one can
 * still owe its established record.
 */
struct nl_conn *
nl_conn_by_id(uint32_t id)
{
	unsigned i, high = __atomic_load_n(&nl_high, __ATOMIC_ACQUIRE);

	for (i = 0; i < high && id != 0; i++)
		if (nl_conn_open(&nl_conns[i]) && nl_conns[i].id == id)
			return &nl_conns[i];
	return NULL;
}

/* Call fn on every open connection (at exit: what is still owed). */
void
nl_conn_each_open(void (*fn)(struct nl_conn *))
{
	unsigned i, high = __atomic_load_n(&nl_high, __ATOMIC_ACQUIRE);

	for (i = 0; i < high; i++)
		if (nl_conn_open(&nl_conns[i]))
			fn(&nl_conns[i]);
}

/*
 * The connection came up on fd: its established record is owed from now
 * on.  The release store publishes the fields filled before it (times,
 * local address) to whichever thread claims the record.
 */
void
nl_conn_est_due(struct nl_conn *c, int fd)
{
	c->est_fd = fd;
	__atomic_store_n(&c->est, NL_EST_DUE, __ATOMIC_RELEASE);
}

/*
 * 1 if the caller is the one to write the owed established record now:
 * the compare-and-swap lets exactly one thread win, with no lock.
 */
int
nl_conn_est_claim(struct nl_conn *c)
{
	uint8_t expect = NL_EST_DUE;

	if (__atomic_load_n(&c->est, __ATOMIC_ACQUIRE) != NL_EST_DUE)
		return 0;
	return __atomic_compare_exchange_n(&c->est, &expect, NL_EST_SAID, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

/*
 * The close record is being written: it carries everything established
 * would have said, so nothing is owed any more (not even by another
 * thread that has not claimed it yet).
 */
void
nl_conn_est_cancel(struct nl_conn *c)
{
	__atomic_store_n(&c->est, NL_EST_SAID, __ATOMIC_RELEASE);
}

/*
 * Note that the connection carries exchange id (once, in order).
 * Returns 1 if it had carried another exchange before: a reuse.
 */
int
nl_conn_add_exchange(struct nl_conn *c, uint32_t id)
{
	int reused = c->n_xchg > 0 || c->xchg_more;

	if (c->n_xchg > 0 && c->xchg[c->n_xchg - 1] == id)
		return c->n_xchg > 1 || c->xchg_more;
	if (c->n_xchg < NL_CONN_XCHG)
		c->xchg[c->n_xchg++] = id;
	else
		c->xchg_more = 1;
	return reused;
}

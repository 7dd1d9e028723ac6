/*
 * The connection table: what the shim knows about each tracked TCP socket,
 * and the descriptor map that finds it in one load.  Fixed size, allocated
 * at load time (bounded memory, no malloc), lock-free: slots are claimed
 * with compare-and-swap and counters are atomic, so no wrapper ever waits
 * on a lock (nothing to deadlock under threads, fork or signals).
 */
#ifndef NL_CONN_H
#define NL_CONN_H

#include <stdint.h>
#include <sys/socket.h>

#include "nl_history.h"
#include "nl_text.h"

#define NL_FD_MAX	65536	/* descriptors above this are not tracked */
#define NL_CONN_MAX	1024	/* connections open at the same time */
#define NL_CONN_XCHG	32	/* exchanges listed per connection */

enum nl_phase {
	NL_PHASE_NEW,		/* socket() only */
	NL_PHASE_CONNECTING,	/* connect() in progress (non-blocking) */
	NL_PHASE_UP,		/* established */
	NL_PHASE_FAILED		/* the connect failed */
};

enum nl_dir {
	NL_DIR_NONE,
	NL_DIR_SEND,
	NL_DIR_RECV
};

/*
 * The established record is written lazily (docs/trace-format.md): owed
 * from connect completion until it is written, or until the close record
 * makes it unnecessary.  Whoever moves DUE to SAID writes it: exactly once.
 */
enum nl_est {
	NL_EST_NONE,		/* not up: nothing owed */
	NL_EST_DUE,		/* up, established record not yet written */
	NL_EST_SAID		/* written, or the close record says it all */
};

/* Things seen once. */
#define NL_SEEN_PEER_FIN	0x01
#define NL_SEEN_PEER_RST	0x02
#define NL_SEEN_SHUT_WR		0x04	/* our own EPIPE is no reset */

struct nl_conn {
	uint32_t	in_use;		/* atomic: the slot is taken */
	uint32_t	refs;		/* atomic: descriptors mapped here */
	uint32_t	id;		/* conn= in the trace; 0 until connect */
	uint8_t		phase;		/* enum nl_phase */
	uint8_t		last_dir;	/* direction of the current turn */
	uint8_t		seen;		/* NL_SEEN_* */
	uint8_t		est;		/* atomic: enum nl_est */
	int64_t		t_socket;
	int64_t		t_connect;
	int64_t		t_established;
	int64_t		t_first_send;
	int64_t		t_first_recv;
	int64_t		t_peer_fin;
	int64_t		t_peer_rst;
	int64_t		t_turn;		/* start of the current turn */
	uint32_t	idle_max_ms;
	int		linger_s;	/* as the client set SO_LINGER */
	int		est_fd;		/* the descriptor it came up on */
	uint8_t		linger_on;
	uint32_t	resumes;
	struct nl_history hist;
	sa_family_t	family;		/* AF_INET or AF_INET6 */
	char		remote_txt[NL_ADDR_MAX];	/* formatted once */
	char		local_txt[NL_ADDR_MAX];		/* "" until known */
	uint8_t		remote_len;	/* strlen(remote_txt) */
	uint8_t		local_len;	/* strlen(local_txt) */
	uint16_t	lport;		/* local port once established */
	uint16_t	rport;		/* remote port */
	uint8_t		n_xchg;		/* exchanges carried (listed) */
	uint8_t		xchg_more;	/* more than NL_CONN_XCHG */
	uint32_t	xchg[NL_CONN_XCHG];
};

/*
 * What every data call touches, apart from the rest so that the hot path
 * indexes a small power-of-two-sized array (a shift, no multiply) and
 * touches one cache line.
 */
struct nl_hot {
	uint64_t	sent;		/* atomic: payload bytes out */
	uint64_t	recvd;		/* atomic: payload bytes in */
	uint32_t	send_calls;	/* atomic */
	uint32_t	recv_calls;	/* atomic */
	uint8_t		fast_dir;	/* the turn's direction while up */
	uint8_t		pad[7];
};

extern struct nl_conn	nl_conns[NL_CONN_MAX];
extern struct nl_hot	nl_hot[NL_CONN_MAX + 1];	/* by slot + 1 */
extern uint16_t		nl_fd_slot[NL_FD_MAX];	/* slot index + 1, 0 = none */

/* fd's slot + 1, or 0 if untracked: the hot path's only test. */
static inline unsigned
nl_slot_of(int fd)
{
	if ((unsigned)fd >= NL_FD_MAX)
		return 0;
	return __atomic_load_n(&nl_fd_slot[fd], __ATOMIC_RELAXED);
}

/* The connection of a slot + 1 from nl_slot_of. */
static inline struct nl_conn *
nl_conn_at(unsigned s)
{
	return &nl_conns[s - 1];
}

/* The hot fields of a connection. */
static inline struct nl_hot *
nl_hot_of(const struct nl_conn *c)
{
	return &nl_hot[c - nl_conns + 1];
}

/* The tracked connection behind fd, or NULL. */
static inline struct nl_conn *
nl_conn_of(int fd)
{
	unsigned s = nl_slot_of(fd);

	return s != 0 ? nl_conn_at(s) : 0;
}

struct nl_conn	*nl_conn_new(int fd);
void		 nl_conn_share(struct nl_conn *, int newfd);
struct nl_conn	*nl_conn_unmap(int fd, int *last);
void		 nl_conn_free(struct nl_conn *);
uint32_t	 nl_conn_next_id(void);
struct nl_conn	*nl_conn_by_ports(unsigned lport, unsigned rport);
struct nl_conn	*nl_conn_by_id(uint32_t id);
void		 nl_conn_each_open(void (*fn)(struct nl_conn *));
void		 nl_conn_est_due(struct nl_conn *, int fd);
int		 nl_conn_est_claim(struct nl_conn *);
void		 nl_conn_est_cancel(struct nl_conn *);
int		 nl_conn_add_exchange(struct nl_conn *, uint32_t id);
void		 nl_conn_table_reset(void);
unsigned	 nl_conn_dropped(void);

#endif

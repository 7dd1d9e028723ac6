/*
 * Connection lifecycle: socket -> connect -> established -> turns of data
 * -> peer FIN/RST, shutdown -> close, with the kernel's facts read at the
 * moment each one happens.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>

#include "netlife/trace_format.h"
#include "nl_clock.h"
#include "nl_config.h"
#include "nl_events.h"
#include "nl_kernel.h"
#include "nl_lifecycle.h"
#include "nl_logscan.h"
#include "nl_real.h"

/* The port of an IPv4 or IPv6 address, 0 for anything else. */
static uint16_t
nl_sockaddr_port(const struct sockaddr *sa, socklen_t len)
{
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in))
		return ntohs(((const struct sockaddr_in *)(const void *)sa)->sin_port);
	if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6))
		return ntohs(((const struct sockaddr_in6 *)(const void *)sa)->sin6_port);
	return 0;
}

/* A new IPv4/IPv6 TCP socket: give it a slot. */
void
nl_on_socket(int fd, int domain, int type, int protocol)
{
	static int said_full;
	int saved = errno;
	struct nl_conn *c;

	if (!nl_active || (domain != AF_INET && domain != AF_INET6) ||
	    (type & 0xf) != SOCK_STREAM ||
	    (protocol != 0 && protocol != IPPROTO_TCP))
		return;
	nl_on_new_fd(fd);
	c = nl_conn_new(fd);
	if (c != NULL)
		c->t_socket = nl_now_us();
	else if (!__atomic_exchange_n(&said_full, 1, __ATOMIC_RELAXED))
		nl_ev_note("connection table full: further sockets untracked");
	errno = saved;
}

/*
 * The connection is up: note when, and its local address (the PREREQ
 * callback finds connections by local port).  Its established record is
 * owed, not written: see nl_ev_established_owed.
 */
static void
nl_established(struct nl_conn *c, int fd, int64_t now)
{
	uint8_t expect = NL_PHASE_CONNECTING;
	struct sockaddr_storage local;
	socklen_t len;

	if (!__atomic_compare_exchange_n(&c->phase, &expect, NL_PHASE_UP, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return;
	c->t_established = now;
	nl_history_add(&c->hist, NL_H_ESTABLISHED);
	nl_kernel_local(fd, &local, &len);
	c->lport = nl_sockaddr_port((const struct sockaddr *)&local, len);
	c->local_len = (uint8_t)nl_format_addr(c->local_txt,
	    (const struct sockaddr *)&local, len);
	nl_conn_est_due(c, fd);		/* written later, if at all */
}

/* The connect failed, at once or later. */
static void
nl_connect_failed(struct nl_conn *c, int fd, int64_t now, int err)
{
	uint8_t expect = NL_PHASE_CONNECTING;

	if (!__atomic_compare_exchange_n(&c->phase, &expect, NL_PHASE_FAILED,
	    0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		return;
	nl_history_add(&c->hist, NL_H_CONNECT_FAIL);
	nl_ev_connect_fail(c, fd, now, err);
}

/*
 * connect() returned (err is 0 on success).  The first call numbers the
 * connection; a later one on a non-blocking socket may report it done.
 */
void
nl_on_connect(int fd, const struct sockaddr *sa, socklen_t len, int err)
{
	struct nl_conn *c = nl_conn_of(fd);
	int saved = errno;
	int64_t now;

	if (c == NULL || sa == NULL ||
	    (sa->sa_family != AF_INET && sa->sa_family != AF_INET6))
		return;
	now = nl_now_us();
	if (c->phase == NL_PHASE_CONNECTING) {
		if (err == 0 || err == EISCONN)
			nl_established(c, fd, now);
		else if (err != EALREADY && err != EINPROGRESS)
			nl_connect_failed(c, fd, now, err);
		errno = saved;
		return;
	}
	if (c->phase != NL_PHASE_NEW || c->id != 0)
		return;
	c->id = nl_conn_next_id();
	c->t_connect = now;
	c->family = sa->sa_family;
	c->rport = nl_sockaddr_port(sa, len);
	c->remote_len = (uint8_t)nl_format_addr(c->remote_txt, sa, len);
	c->phase = NL_PHASE_CONNECTING;
	nl_history_add(&c->hist, NL_H_CONNECT);
	if (err == 0)
		nl_established(c, fd, now);
	else if (err != EINPROGRESS && err != EINTR)
		nl_connect_failed(c, fd, now, err);
	errno = saved;
}

/* The client read SO_ERROR: how libcurl learns a connect finished. */
void
nl_on_sockerr(int fd, int value)
{
	struct nl_conn *c = nl_conn_of(fd);
	int saved = errno;

	if (c == NULL || c->phase != NL_PHASE_CONNECTING)
		return;
	/*
	 * A client reads SO_ERROR once the socket is writable, that is once
	 * the connect is over: 0 then means it succeeded.
	 */
	if (value != 0)
		nl_connect_failed(c, fd, nl_now_us(), value);
	else
		nl_established(c, fd, nl_now_us());
	errno = saved;
}

/* The client set SO_LINGER: a linger of 0 turns its close into a RST. */
void
nl_on_linger(int fd, const void *val, socklen_t len)
{
	struct nl_conn *c = nl_conn_of(fd);
	struct linger lg;
	int saved = errno;

	if (c == NULL || c->id == 0 || val == NULL || len < sizeof(lg))
		return;
	memcpy(&lg, val, sizeof(lg));
	c->linger_on = lg.l_onoff != 0;
	c->linger_s = lg.l_linger;
	nl_ev_sockopt_linger(c, fd, nl_now_us(), lg.l_onoff != 0,
	    lg.l_linger);
	errno = saved;
}

void
nl_on_shutdown(int fd, int how, int err)
{
	struct nl_conn *c = nl_conn_of(fd);
	int saved = errno;

	if (c == NULL || c->id == 0)
		return;
	if (err == 0 && (how == SHUT_WR || how == SHUT_RDWR))
		c->seen |= NL_SEEN_SHUT_WR;
	nl_history_add(&c->hist, NL_H_SHUTDOWN);
	nl_ev_shutdown(c, fd, nl_now_us(), how, err);
	errno = saved;
}

/* What the kernel does at this close, and who closed first. */
static const char *
nl_close_verdict(const struct nl_conn *c, const struct nl_close_facts *f)
{
	if (c->phase != NL_PHASE_UP || (f->tcp.valid &&
	    (f->tcp.state == 7 /* CLOSE */ || f->tcp.state == 2)))
		return NL_CLOSE_NONE;
	if (c->linger_on && c->linger_s == 0)
		return NL_CLOSE_RST_LINGER0;
	if (f->unread > 0)
		return NL_CLOSE_RST_UNREAD;
	return NL_CLOSE_FIN;
}

static const char *
nl_closed_first(const struct nl_conn *c, const struct nl_close_facts *f)
{
	if ((c->seen & (NL_SEEN_PEER_FIN | NL_SEEN_PEER_RST)) != 0)
		return NL_FIRST_SERVER;
	if (f->tcp.valid && (f->tcp.state == 8 /* CLOSE_WAIT */ ||
	    f->tcp.state == 9 /* LAST_ACK */ ||
	    (f->tcp.state == 7 && c->phase == NL_PHASE_UP)))
		return NL_FIRST_SERVER;
	return NL_FIRST_CLIENT;
}

/*
 * Report a connection whose last descriptor is going away.  With known
 * set, fd is still open and the kernel is asked; otherwise the socket was
 * closed behind our back (its number is already something else).
 */
static void
nl_report_close(struct nl_conn *c, int fd, int known)
{
	struct nl_close_facts f;
	const char *verdict;

	memset(&f, 0, sizeof(f));
	if (known)
		nl_kernel_close_facts(fd, &f, c->local_txt[0] == '\0',
		    __atomic_load_n(&nl_hot_of(c)->recvd, __ATOMIC_RELAXED));
	else
		f.unread = f.unsent = -1;
	verdict = known ? nl_close_verdict(c, &f) : NL_CLOSE_UNKNOWN;
	if (strcmp(verdict, NL_CLOSE_FIN) == 0)
		nl_history_close(&c->hist, NL_H_CLOSE_FIN);
	else if (strncmp(verdict, "RST", 3) == 0)
		nl_history_close(&c->hist, NL_H_CLOSE_RST);
	nl_ev_close(c, fd, nl_now_us(), &f, verdict, nl_closed_first(c, &f));
}

/* Drop fd's mapping; report and free the connection if it was the last. */
static void
nl_release(int fd, int known)
{
	int last;
	struct nl_conn *c = nl_conn_unmap(fd, &last);

	if (c == NULL || !last)
		return;
	if (c->id != 0)
		nl_report_close(c, fd, known);
	nl_conn_free(c);
}

/* close() is about to run on fd: read the kernel's facts first. */
void
nl_on_close(int fd)
{
	int saved = errno;

	nl_release(fd, 1);
	errno = saved;
}

/*
 * A call just created descriptor fd.  If we still map that number, its
 * socket was closed in a way we could not see (the number was free):
 * report what we know and forget it.
 */
void
nl_on_new_fd(int fd)
{
	int saved = errno;

	if (nl_conn_of(fd) != NULL)
		nl_release(fd, 0);
	errno = saved;
}

/* dup()/dup2()/dup3()/F_DUPFD made newfd a copy of oldfd. */
void
nl_on_dup(int oldfd, int newfd)
{
	struct nl_conn *c;

	nl_on_new_fd(newfd);
	c = nl_conn_of(oldfd);
	if (c != NULL)
		nl_conn_share(c, newfd);
}

/* The client wrote to stdout: a message-log line. */
void
nl_on_stdout(const char *text, size_t len)
{
	int saved = errno;

	if (len > 0) {
		nl_ev_log(nl_now_us(), text, len);
		nl_logscan_line(text, len);
	}
	errno = saved;
}

/*
 * A send may start a new turn: if the connection has been quiet for at
 * least NL_IDLE_MIN_MS (a cached connection about to be reused), ask the
 * kernel how long since data last arrived, before the send, because on a
 * fast network the reply could otherwise arrive first and hide the gap;
 * the resume record then carries the byte counts from before the gap.
 * The clock alone decides whether the question is worth a syscall.
 */
void
nl_idle_probe(struct nl_conn *c, int fd)
{
	int saved = errno;
	int64_t now;
	struct nl_tcp t;

	if (c->id == 0 || c->last_dir == NL_DIR_NONE)
		return;
	now = nl_now_us();
	if (now - c->t_turn < (int64_t)NL_IDLE_MIN_MS * 1000)
		return;
	nl_kernel_tcp(fd, &t);
	if (t.valid && t.last_data_recv >= NL_IDLE_MIN_MS) {
		if (t.last_data_recv > c->idle_max_ms)
			c->idle_max_ms = t.last_data_recv;
		c->resumes++;
		nl_history_add(&c->hist, NL_H_IDLE);
		nl_ev_resume(c, fd, now, t.last_data_recv);
	}
	c->t_turn = now;	/* a send that fails does not probe again */
	errno = saved;
}

/*
 * Data moved in a new direction (or the first time): a turn.  Here, not
 * per call, the clock is read and the history grows.
 */
void
nl_turn(struct nl_conn *c, int fd, int dir)
{
	int saved = errno;
	int64_t now;

	if (c->id == 0)
		return;		/* never connected through connect() */
	now = nl_now_us();
	if (c->phase == NL_PHASE_CONNECTING)
		nl_established(c, fd, now);
	if (dir == NL_DIR_SEND && c->t_first_send == 0)
		c->t_first_send = now;
	if (dir == NL_DIR_RECV && c->t_first_recv == 0)
		c->t_first_recv = now;
	if (c->last_dir != dir)
		nl_history_add(&c->hist, dir == NL_DIR_SEND ? NL_H_SEND :
		    NL_H_RECV);
	c->last_dir = (uint8_t)dir;
	c->t_turn = now;
	nl_hot_of(c)->fast_dir = c->phase == NL_PHASE_UP ? (uint8_t)dir :
	    NL_DIR_NONE;
	errno = saved;
}

/*
 * recv()/read() returned 0: the server's FIN, unless the client asked
 * for 0 bytes; a peek that does not wait tells the two apart.
 */
void
nl_on_eof(struct nl_conn *c, int fd)
{
	int saved = errno;
	int64_t now;
	char byte;

	if ((c->seen & NL_SEEN_PEER_FIN) != 0 || c->id == 0)
		return;
	if (nl_real.recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) != 0) {
		errno = saved;
		return;		/* a zero-length read, not an end */
	}
	now = nl_now_us();
	if (c->phase == NL_PHASE_CONNECTING)
		nl_established(c, fd, now);
	c->seen |= NL_SEEN_PEER_FIN;
	c->t_peer_fin = now;
	nl_hot_of(c)->fast_dir = NL_DIR_NONE;
	nl_history_add(&c->hist, NL_H_PEER_FIN);
	nl_ev_peer_fin(c, fd, now);
	errno = saved;
}

/* A data call failed: a reset, or a non-blocking connect that failed. */
void
nl_on_io_error(struct nl_conn *c, int fd)
{
	int err = errno;

	if (c->id == 0 || err == EAGAIN || err == EINTR)
		return;
	if (c->phase == NL_PHASE_CONNECTING && err != ENOTCONN) {
		nl_connect_failed(c, fd, nl_now_us(), err);
	} else if ((err == ECONNRESET || (err == EPIPE &&
	    (c->seen & NL_SEEN_SHUT_WR) == 0)) &&
	    (c->seen & NL_SEEN_PEER_RST) == 0) {
		c->seen |= NL_SEEN_PEER_RST;
		c->t_peer_rst = nl_now_us();
		nl_hot_of(c)->fast_dir = NL_DIR_NONE;
		nl_history_add(&c->hist, NL_H_PEER_RST);
		nl_ev_peer_rst(c, fd, c->t_peer_rst, err);
	}
	errno = err;
}

/*
 * The process exits normally: a connection still open that owes its
 * established record gets it now, so that the trace of a stopped client
 * lists every connection it had open.  Not in a forked child (inert).
 */
void
nl_on_exit(void)
{
	int saved = errno;

	if (nl_active)
		nl_conn_each_open(nl_ev_established_owed);
	errno = saved;
}

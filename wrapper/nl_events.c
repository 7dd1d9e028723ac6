/*
 * Trace records, field by field as docs/trace-format.md lists them.
 */
#include "config.h"

#include <sys/socket.h>

#include "netlife/trace_format.h"
#include "nl_clock.h"
#include "nl_events.h"
#include "nl_redact.h"
#include "nl_trace.h"

/*
 * Every event line starts the same way: stamp, t=, ev=.  The event comes
 * as " ev=NAME" joined at compile time (the nl_ev_begin macro).
 */
void
nl_ev_begin_(struct nl_line *l, int64_t now, const char *ev, size_t evlen)
{
	nl_line_init(l);
	l->t = now;
	nl_put_stamp_t(l, now, nl_utc_offset());
	nl_put_raw(l, ev, evlen);
}

/* ... then, for connection events, which connection and descriptor. */
#define nl_begin_conn(l, now, ev, c, fd) \
	nl_begin_conn_((l), (now), NL_KEY_VALUE("ev", ev), (c), (fd))
static void
nl_begin_conn_(struct nl_line *l, int64_t now, const char *ev, size_t evlen,
    const struct nl_conn *c, int fd)
{
	nl_ev_begin_(l, now, ev, evlen);
	nl_kv_u64(l, "conn", c->id);
	nl_kv_i64(l, "fd", fd);
}

/* The byte counters so far. */
static void
nl_put_bytes(struct nl_line *l, struct nl_conn *c)
{
	const struct nl_hot *h = nl_hot_of(c);

	nl_kv_u64(l, "sent", __atomic_load_n(&h->sent, __ATOMIC_RELAXED));
	nl_kv_u64(l, "recv", __atomic_load_n(&h->recvd, __ATOMIC_RELAXED));
}

static void
nl_put_family(struct nl_line *l, const struct nl_conn *c)
{
	nl_kv_word(l, "family", c->family == AF_INET6 ?
	    "ipv6" : "ipv4");
}

/* remote= (formatted at connect, its length kept: no strlen here). */
static void
nl_put_remote(struct nl_line *l, const struct nl_conn *c)
{
	nl_put_raw(l, NL_KEY("remote"));
	if (c->remote_len != 0)
		nl_put_raw(l, c->remote_txt, c->remote_len);
	else
		nl_put_raw(l, "-", 1);
}

/* local= as known at established, or from fallback (formatted now). */
static void
nl_put_local(struct nl_line *l, const struct nl_conn *c,
    const struct sockaddr *fallback, socklen_t fallback_len)
{
	if (c->local_len != 0) {
		nl_put_raw(l, NL_KEY("local"));
		nl_put_raw(l, c->local_txt, c->local_len);
	} else
		nl_kv_addr(l, "local", fallback, fallback_len);
}

/* linger=off or linger=on:SECONDS. */
static void
nl_put_linger(struct nl_line *l, int on, int seconds)
{
	if (on) {
		nl_put_raw(l, NL_KEY_VALUE("linger", "on:"));
		nl_put_i64(l, seconds);
	} else
		nl_put_raw(l, NL_KEY_VALUE("linger", "off"));
}

/*
 * The established record, if the connection still owes it: written just
 * before the connection's next record of another kind (or an exchange_end
 * naming it, or at exit), never when close comes first, since close says
 * the same.  A fresh connection closed after one exchange thus costs one
 * write(2) less.  t= stays the moment it came up, as if written then.
 */
void
nl_ev_established_owed(struct nl_conn *c)
{
	struct nl_line l;

	if (!nl_conn_est_claim(c))
		return;
	nl_begin_conn(&l, c->t_established, NL_EV_ESTABLISHED, c, c->est_fd);
	nl_put_family(&l, c);
	nl_put_local(&l, c, NULL, 0);
	nl_put_remote(&l, c);
	nl_kv_time(&l, "t_connect", c->t_connect);
	nl_kv_i64(&l, "connect_us", c->t_established - c->t_connect);
	nl_trace_emit(&l);
}

void
nl_ev_connect_fail(struct nl_conn *c, int fd, int64_t now, int err)
{
	struct nl_line l;

	nl_begin_conn(&l, now, NL_EV_CONNECT_FAIL, c, fd);
	nl_put_family(&l, c);
	nl_put_remote(&l, c);
	nl_kv_errno(&l, "error", err);
	nl_kv_time(&l, "t_connect", c->t_connect);
	nl_kv_i64(&l, "connect_us", now - c->t_connect);
	nl_trace_emit(&l);
}

void
nl_ev_resume(struct nl_conn *c, int fd, int64_t now, uint32_t idle_ms)
{
	struct nl_line l;

	nl_ev_established_owed(c);
	nl_begin_conn(&l, now, NL_EV_RESUME, c, fd);
	nl_kv_u64(&l, "idle_ms", idle_ms);
	nl_put_bytes(&l, c);
	nl_trace_emit(&l);
}

void
nl_ev_peer_fin(struct nl_conn *c, int fd, int64_t now)
{
	struct nl_line l;

	nl_ev_established_owed(c);
	nl_begin_conn(&l, now, NL_EV_PEER_FIN, c, fd);
	nl_put_bytes(&l, c);
	nl_trace_emit(&l);
}

void
nl_ev_peer_rst(struct nl_conn *c, int fd, int64_t now, int err)
{
	struct nl_line l;

	nl_ev_established_owed(c);
	nl_begin_conn(&l, now, NL_EV_PEER_RST, c, fd);
	nl_kv_errno(&l, "error", err);
	nl_put_bytes(&l, c);
	nl_trace_emit(&l);
}

void
nl_ev_shutdown(struct nl_conn *c, int fd, int64_t now, int how, int err)
{
	static const char *const names[] = { "RD", "WR", "RDWR" };
	struct nl_line l;

	nl_ev_established_owed(c);
	nl_begin_conn(&l, now, NL_EV_SHUTDOWN, c, fd);
	nl_kv_word(&l, "how", how >= 0 && how <= 2 ? names[how] : "?");
	nl_kv_errno(&l, "result", err);
	nl_put_bytes(&l, c);
	nl_trace_emit(&l);
}

void
nl_ev_sockopt_linger(struct nl_conn *c, int fd, int64_t now, int on,
    int seconds)
{
	struct nl_line l;

	nl_ev_established_owed(c);
	nl_begin_conn(&l, now, NL_EV_SOCKOPT, c, fd);
	nl_put_linger(&l, on, seconds);
	nl_trace_emit(&l);
}

/* exchanges=1,2,5 (with a final '+' when the list overflowed). */
static void
nl_put_exchanges(struct nl_line *l, const struct nl_conn *c)
{
	unsigned i;

	if (c->n_xchg == 0)
		return;
	nl_put_raw(l, NL_KEY("exchanges"));
	for (i = 0; i < c->n_xchg; i++) {
		if (i > 0)
			nl_put_raw(l, ",", 1);
		nl_put_u64(l, c->xchg[i]);
	}
	if (c->xchg_more)
		nl_put_raw(l, ",+", 2);
}

/* TCP_INFO fields of the close record, before and after rcv_ooopack. */
static const struct nl_key nl_tcp_keys1[] = {
	NL_KEYDEF("retrans"), NL_KEYDEF("total_retrans"), NL_KEYDEF("lost"),
	NL_KEYDEF("segs_in"), NL_KEYDEF("segs_out"),
	NL_KEYDEF("data_segs_in"), NL_KEYDEF("data_segs_out")
};
static const struct nl_key nl_tcp_keys2[] = {
	NL_KEYDEF("dsack_dups"), NL_KEYDEF("reord_seen"), NL_KEYDEF("rtt_us"),
	NL_KEYDEF("rttvar_us"), NL_KEYDEF("snd_cwnd"),
	NL_KEYDEF("bytes_acked"), NL_KEYDEF("bytes_received")
};

static void
nl_put_tcp(struct nl_line *l, const struct nl_tcp *t)
{
	const uint64_t v1[] = {
		t->retransmits, t->total_retrans, t->lost, t->segs_in,
		t->segs_out, t->data_segs_in, t->data_segs_out
	};
	const uint64_t v2[] = {
		t->dsack_dups, t->reord_seen, t->rtt, t->rttvar, t->snd_cwnd,
		t->bytes_acked, t->bytes_received
	};

	nl_kv_word(l, "state", nl_tcp_state_name(t->state));
	nl_put_u64s(l, nl_tcp_keys1, v1, sizeof(v1) / sizeof(v1[0]));
	if (t->have_ooopack)
		nl_kv_u64(l, "rcv_ooopack", t->rcv_ooopack);
	nl_put_u64s(l, nl_tcp_keys2, v2, sizeof(v2) / sizeof(v2[0]));
}

/* The counters and times of the close record, in its order. */
static const struct nl_key nl_close_count_keys[] = {
	NL_KEYDEF("sent"), NL_KEYDEF("recv"), NL_KEYDEF("send_calls"),
	NL_KEYDEF("recv_calls")
};
static const struct nl_key nl_close_time_keys[] = {
	NL_KEYDEF("t_socket"), NL_KEYDEF("t_connect"),
	NL_KEYDEF("t_established"), NL_KEYDEF("t_first_send"),
	NL_KEYDEF("t_first_recv"), NL_KEYDEF("t_peer_fin"),
	NL_KEYDEF("t_peer_rst")
};
static const struct nl_key nl_close_idle_keys[] = {
	NL_KEYDEF("idle_max_ms"), NL_KEYDEF("resumes")
};

void
nl_ev_close(struct nl_conn *c, int fd, int64_t now,
    const struct nl_close_facts *f, const char *verdict, const char *first)
{
	const struct nl_hot *h = nl_hot_of(c);
	const uint64_t counts[] = {
		__atomic_load_n(&h->sent, __ATOMIC_RELAXED),
		__atomic_load_n(&h->recvd, __ATOMIC_RELAXED),
		__atomic_load_n(&h->send_calls, __ATOMIC_RELAXED),
		__atomic_load_n(&h->recv_calls, __ATOMIC_RELAXED)
	};
	const int64_t times[] = {
		c->t_socket, c->t_connect, c->t_established, c->t_first_send,
		c->t_first_recv, c->t_peer_fin, c->t_peer_rst
	};
	const uint64_t idle[] = { c->idle_max_ms, c->resumes };
	struct nl_line l;

	nl_conn_est_cancel(c);	/* this record says all established would */
	nl_begin_conn(&l, now, NL_EV_CLOSE, c, fd);
	nl_put_local(&l, c, (const struct sockaddr *)&f->local, f->local_len);
	nl_put_remote(&l, c);
	nl_put_u64s(&l, nl_close_count_keys, counts, 4);
	nl_put_times(&l, nl_close_time_keys, times, 7);
	/* The kernel's "since last data" means nothing before any data. */
	if (f->tcp.valid && c->t_first_send != 0)
		nl_kv_u64(&l, "idle_sent_ms", f->tcp.last_data_sent);
	if (f->tcp.valid && c->t_first_recv != 0)
		nl_kv_u64(&l, "idle_recv_ms", f->tcp.last_data_recv);
	nl_put_u64s(&l, nl_close_idle_keys, idle, 2);
	nl_kv_i64(&l, "unread", f->unread);
	nl_kv_i64(&l, "unsent", f->unsent);
	/* SO_LINGER is only ever what the client set through setsockopt. */
	nl_put_linger(&l, c->linger_on, c->linger_s);
	nl_kv_errno(&l, "so_error", f->so_error);
	nl_kv_word(&l, "close", verdict);
	nl_kv_word(&l, "closed_first", first);
	nl_put_raw(&l, NL_KEY("history"));
	if (c->hist.len != 0)
		nl_put_raw(&l, c->hist.letters, c->hist.len);
	else
		nl_put_raw(&l, "-", 1);
	nl_put_exchanges(&l, c);
	if (f->tcp.valid)
		nl_put_tcp(&l, &f->tcp);
	nl_trace_emit(&l);
}

/*
 * A line the client wrote to its message log (stdout), with secrets
 * taken out (debug flags make the client log URLs and headers).
 */
void
nl_ev_log(int64_t now, const char *raw, size_t rawlen)
{
	struct nl_line l;
	char text[NL_TEXT_MAX + 1];
	size_t len;
	int cut = rawlen > NL_TEXT_MAX;

	while (rawlen > 0 && (raw[rawlen - 1] == '\n' ||
	    raw[rawlen - 1] == '\r'))
		rawlen--;
	if (rawlen == 0)
		return;		/* a bare newline ends the previous write */
	len = nl_redact_log(raw, rawlen < NL_TEXT_MAX ? rawlen : NL_TEXT_MAX,
	    text, sizeof(text));
	nl_ev_begin(&l, now, NL_EV_LOG);
	nl_kv_text(&l, "text", text, len);
	if (cut || l.overflow)
		nl_put_str(&l, " truncated=1");
	nl_trace_emit(&l);
}

/* Something the shim says once, as its own record. */
void
nl_ev_note(const char *text)
{
	struct nl_line l;

	nl_ev_begin(&l, nl_now_us(), NL_EV_NOTE);
	nl_kv_str(&l, "text", text);
	nl_trace_emit(&l);
}

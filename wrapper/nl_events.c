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

/* Every event line starts the same way: stamp, t=, ev=. */
void
nl_ev_begin(struct nl_line *l, int64_t now, const char *ev)
{
	nl_line_init(l);
	l->t = now;
	nl_put_stamp(l, now, nl_utc_offset());
	nl_kv_time(l, "t", now);
	nl_kv_word(l, "ev", ev);
}

/* ... then, for connection events, which connection and descriptor. */
static void
nl_begin_conn(struct nl_line *l, int64_t now, const char *ev,
    const struct nl_conn *c, int fd)
{
	nl_ev_begin(l, now, ev);
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

static void
nl_put_remote(struct nl_line *l, const struct nl_conn *c)
{
	nl_kv_word(l, "remote", c->remote_txt[0] != '\0' ? c->remote_txt : "-");
}

void
nl_ev_established(struct nl_conn *c, int fd, int64_t now)
{
	struct nl_line l;

	nl_begin_conn(&l, now, NL_EV_ESTABLISHED, c, fd);
	nl_put_family(&l, c);
	nl_kv_word(&l, "local", c->local_txt[0] != '\0' ? c->local_txt : "-");
	nl_put_remote(&l, c);
	nl_kv_time(&l, "t_connect", c->t_connect);
	nl_kv_i64(&l, "connect_us", now - c->t_connect);
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

	nl_begin_conn(&l, now, NL_EV_RESUME, c, fd);
	nl_kv_u64(&l, "idle_ms", idle_ms);
	nl_put_bytes(&l, c);
	nl_trace_emit(&l);
}

void
nl_ev_peer_fin(struct nl_conn *c, int fd, int64_t now)
{
	struct nl_line l;

	nl_begin_conn(&l, now, NL_EV_PEER_FIN, c, fd);
	nl_put_bytes(&l, c);
	nl_trace_emit(&l);
}

void
nl_ev_peer_rst(struct nl_conn *c, int fd, int64_t now, int err)
{
	struct nl_line l;

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

	nl_begin_conn(&l, now, NL_EV_SOCKOPT, c, fd);
	nl_put_str(&l, " linger=");
	if (on) {
		nl_put_str(&l, "on:");
		nl_put_i64(&l, seconds);
	} else
		nl_put_str(&l, "off");
	nl_trace_emit(&l);
}

/* exchanges=1,2,5 (with a final '+' when the list overflowed). */
static void
nl_put_exchanges(struct nl_line *l, const struct nl_conn *c)
{
	unsigned i;

	if (c->n_xchg == 0)
		return;
	nl_put_str(l, " exchanges=");
	for (i = 0; i < c->n_xchg; i++) {
		if (i > 0)
			nl_put_raw(l, ",", 1);
		nl_put_u64(l, c->xchg[i]);
	}
	if (c->xchg_more)
		nl_put_raw(l, ",+", 2);
}

/* TCP_INFO fields of the close record. */
static void
nl_put_tcp(struct nl_line *l, const struct nl_tcp *t)
{
	nl_kv_word(l, "state", nl_tcp_state_name(t->state));
	nl_kv_u64(l, "retrans", t->retransmits);
	nl_kv_u64(l, "total_retrans", t->total_retrans);
	nl_kv_u64(l, "lost", t->lost);
	nl_kv_u64(l, "segs_in", t->segs_in);
	nl_kv_u64(l, "segs_out", t->segs_out);
	nl_kv_u64(l, "data_segs_in", t->data_segs_in);
	nl_kv_u64(l, "data_segs_out", t->data_segs_out);
	if (t->have_ooopack)
		nl_kv_u64(l, "rcv_ooopack", t->rcv_ooopack);
	nl_kv_u64(l, "dsack_dups", t->dsack_dups);
	nl_kv_u64(l, "reord_seen", t->reord_seen);
	nl_kv_u64(l, "rtt_us", t->rtt);
	nl_kv_u64(l, "rttvar_us", t->rttvar);
	nl_kv_u64(l, "snd_cwnd", t->snd_cwnd);
	nl_kv_u64(l, "bytes_acked", t->bytes_acked);
	nl_kv_u64(l, "bytes_received", t->bytes_received);
}

void
nl_ev_close(struct nl_conn *c, int fd, int64_t now,
    const struct nl_close_facts *f, const char *verdict, const char *first)
{
	struct nl_line l;

	nl_begin_conn(&l, now, NL_EV_CLOSE, c, fd);
	if (c->local_txt[0] != '\0')
		nl_kv_word(&l, "local", c->local_txt);
	else
		nl_kv_addr(&l, "local", (const struct sockaddr *)&f->local,
		    f->local_len);
	nl_put_remote(&l, c);
	nl_put_bytes(&l, c);
	nl_kv_u64(&l, "send_calls", nl_hot_of(c)->send_calls);
	nl_kv_u64(&l, "recv_calls", nl_hot_of(c)->recv_calls);
	nl_kv_time(&l, "t_socket", c->t_socket);
	nl_kv_time(&l, "t_connect", c->t_connect);
	nl_kv_time(&l, "t_established", c->t_established);
	nl_kv_time(&l, "t_first_send", c->t_first_send);
	nl_kv_time(&l, "t_first_recv", c->t_first_recv);
	nl_kv_time(&l, "t_peer_fin", c->t_peer_fin);
	nl_kv_time(&l, "t_peer_rst", c->t_peer_rst);
	/* The kernel's "since last data" means nothing before any data. */
	if (f->tcp.valid && c->t_first_send != 0)
		nl_kv_u64(&l, "idle_sent_ms", f->tcp.last_data_sent);
	if (f->tcp.valid && c->t_first_recv != 0)
		nl_kv_u64(&l, "idle_recv_ms", f->tcp.last_data_recv);
	nl_kv_u64(&l, "idle_max_ms", c->idle_max_ms);
	nl_kv_u64(&l, "resumes", c->resumes);
	nl_kv_i64(&l, "unread", f->unread);
	nl_kv_i64(&l, "unsent", f->unsent);
	nl_put_str(&l, " linger=");
	/* SO_LINGER is only ever what the client set through setsockopt. */
	if (c->linger_on) {
		nl_put_str(&l, "on:");
		nl_put_i64(&l, c->linger_s);
	} else
		nl_put_str(&l, "off");
	nl_kv_errno(&l, "so_error", f->so_error);
	nl_kv_word(&l, "close", verdict);
	nl_kv_word(&l, "closed_first", first);
	nl_kv_word(&l, "history", c->hist.letters[0] != '\0' ?
	    c->hist.letters : "-");
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

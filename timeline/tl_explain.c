/* tl_explain.c -- why a segment came late, from what the client's side
 * recorded about its connection and what the firewall saw of it. The rules
 * are tried in order and the first that fits wins (as in Wireshark's TCP
 * analysis); what fits none stays "unexplained", with the facts shown. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tl_attrib.h"

#define S(us) ((double)(us) / 1e6)
#define IDLE_US 1000000LL		/* NL_IDLE_MIN_MS */

/* The payload, if the log says; PSH alone also means data. */
static int carries_data(uint8_t flags, uint32_t len)
{
	return len > 0 || (flags & TL_PSH);
}

/* How long the connection had been idle (no data either way) at t, when the
 * trace says; -1 if unknown. */
static int64_t idle_at(const struct tl_conn *c, int64_t t)
{
	int64_t last = c->t_last_recv > c->t_last_send ? c->t_last_recv : c->t_last_send;
	if (!last || t < last)
		return -1;
	return t - last;
}

/* The connection idled at least a second before its end: the server's FIN
 * came after a pause (a keep-alive timeout), or the client sat on the
 * closed connection (CLOSE_WAIT) before closing it. A server that closes
 * right after its reply ("Connection: close") is not idle. */
static int sat_idle(const struct tl_conn *c)
{
	int64_t last = c->t_last_recv > c->t_last_send ? c->t_last_recv : c->t_last_send;
	if (c->t_peer_fin && last && c->t_peer_fin - last >= IDLE_US)
		return 1;
	return c->t_close && last && c->t_close - last >= IDLE_US;
}

/* The server closed first and the client sat on the connection. */
static void idle_closed(const struct tl_conn *c, struct tl_attribution *a, const char *what)
{
	int64_t idle = idle_at(c, c->t_peer_fin ? c->t_peer_fin : a->t_host);
	a->cause = TL_CAUSE_IDLE_CLOSED;
	snprintf(a->explanation, sizeof a->explanation,
		 "an idle keep-alive connection: the server closed it%s%.1f s after the last data, "
		 "while the client kept it cached without reading it%s; %s",
		 c->t_peer_fin ? " (its FIN reached the client) " : " ",
		 idle >= 0 ? S(idle) : 0.0,
		 c->t_close ? "; the client closed it only later" : "",
		 what);
}

/* "0.016 s after the close", or, when the log's stamps are too coarse to
 * tell, "within a second of the close" rather than a misleading -0.938 s. */
const char *tl_delay_text(char *buf, size_t size, int64_t after_close_us, unsigned res_us)
{
	if (res_us >= 1000000 && after_close_us > -(int64_t)res_us && after_close_us < (int64_t)res_us)
		snprintf(buf, size, "within a second of the close (the log has 1-second stamps)");
	else if (after_close_us >= 0)
		snprintf(buf, size, "%.3f s after the close", S(after_close_us));
	else
		snprintf(buf, size, "%.3f s before the close", S(-after_close_us));
	return buf;
}

/* After the client's close: the close's own kind says most. */
static void after_close(const struct tl_conn *c, const struct tl_conn_drops *d,
			const struct tl_segment *seg, struct tl_attribution *a)
{
	char when[80];
	tl_delay_text(when, sizeof when, a->after_close_us, seg->t_res_us);
	if (c->close == TL_CLOSE_RST_UNREAD || c->close == TL_CLOSE_RST_LINGER0) {
		a->cause = TL_CAUSE_RST_UNREAD;
		if (c->close == TL_CLOSE_RST_UNREAD)
			snprintf(a->explanation, sizeof a->explanation,
				 "the client closed with %llu unread bytes, so its kernel sent RST and "
				 "the firewall forgot the connection; this segment of the server, already "
				 "on its way, came %s", (unsigned long long)c->unread, when);
		else
			snprintf(a->explanation, sizeof a->explanation,
				 "the client closed with SO_LINGER 0, so its kernel sent RST; this "
				 "segment of the server came %s", when);
		return;
	}
	if (c->closed_first_server && (seg->flags & (TL_RST | TL_FIN)) && sat_idle(c)) {
		idle_closed(c, a, "the server's answer to the client's late close found no "
				  "state in the firewall");
		return;
	}
	if ((seg->flags & TL_RST) && !(seg->flags & TL_FIN)) {
		a->cause = TL_CAUSE_RST_ANSWER;
		snprintf(a->explanation, sizeof a->explanation,
			 "the server answered the client's FIN with RST (%s): it had already "
			 "dropped the connection", when);
		return;
	}
	if (d->inbound && carries_data(d->first_flags, d->first_len)) {
		a->cause = TL_CAUSE_LATE_DATA;
		snprintf(a->explanation, sizeof a->explanation,
			 "the server's reply came %.3f s after the client had closed the connection "
			 "(%s)%s", S(d->t_first - c->t_close),
			 c->unread ? "with unread data" : "it had stopped waiting",
			 (seg->flags & TL_FIN) && !carries_data(seg->flags, seg->has_len ? seg->len : 0)
				 ? "; this is the server's FIN after it" : "");
		return;
	}
	if (seg->flags & TL_FIN) {
		int64_t gap = d->t_fin2 ? d->t_fin2 - d->t_fin1 : 0;
		int64_t min_gap = (int64_t)seg->t_res_us * 3 / 2 > 900000 ? (int64_t)seg->t_res_us * 3 / 2 : 900000;
		/* RTO back-off doubles: a gap of g between two logged FINs means the
		 * first logged one was itself sent about g after the original. The
		 * first retransmission comes after some 0.2 s, so a gap of 1 s or
		 * more is a later one; with 1-second stamps only a gap well over a
		 * second says so. */
		if (gap >= min_gap && d->t_fin1 - gap - c->t_close < 1500000) {
			a->cause = TL_CAUSE_FIN_RETRANSMIT;
			snprintf(a->explanation, sizeof a->explanation,
				 "the server's FIN came in time (within about %.1f s of the client's close) but "
				 "the client's final ACK never reached the server, so it retransmitted the "
				 "FIN with back-off; this retransmission came %s, when the firewall's "
				 "TIME_WAIT state had expired", S(llabs(d->t_fin1 - gap - c->t_close)) + 0.05, when);
			return;
		}
		a->cause = TL_CAUSE_LATE_FIN;
		snprintf(a->explanation, sizeof a->explanation,
			 "the server's FIN came %s (it closed its side %.1f s after the client), "
			 "later than the firewall keeps a half-closed connection%s",
			 when, S(d->t_fin1 - c->t_close),
			 a->t_host > d->t_fin1 ? "; this is a retransmission of it" : "");
		return;
	}
	a->cause = TL_CAUSE_UNEXPLAINED;
	snprintf(a->explanation, sizeof a->explanation,
		 "%s (a %s close); the connection had %s first", when,
		 tl_close_name(c->close), c->closed_first_server ? "been closed by the server" : "been closed by the client");
}

void tl_explain(const struct tl_model *m, const struct tl_conn_drops *d,
		const struct tl_segment *seg, struct tl_attribution *a)
{
	const struct tl_conn *c = &m->conns[a->conn];
	a->explanation[0] = '\0';
	if (!a->attributed)
		return;
	if (!a->inbound) {
		a->cause = TL_CAUSE_OUTBOUND;
		snprintf(a->explanation, sizeof a->explanation,
			 "the client's own segment, after the firewall had forgotten the connection%s",
			 c->closed_first_server ? " (the server had closed it first)" : "");
		return;
	}
	if (seg->cap_retransmit && !(seg->flags & (TL_FIN | TL_RST))) {
		a->cause = TL_CAUSE_DATA_RETRANSMIT;
		snprintf(a->explanation, sizeof a->explanation,
			 "a retransmission of data the client had already received (its ACK was lost or late)");
		return;
	}
	/* A stamp of coarse resolution (1 s syslog) that may be after the close is. */
	if (a->has_after_close && a->after_close_us + (int64_t)seg->t_res_us > 0) {
		after_close(c, d, seg, a);
		return;
	}
	/* Before the client closed (or the trace ended first). A server closing
	 * an idle connection may send a last word first (HTTP/2 GOAWAY, TLS
	 * close_notify): data followed within a second by its FIN. */
	int64_t idle = idle_at(c, a->t_host);
	int closing = (seg->flags & (TL_FIN | TL_RST)) ||
		      (d->t_fin1 >= a->t_host && d->t_fin1 - a->t_host <= 1000000);
	if (closing && idle >= IDLE_US) {
		idle_closed(c, a, "the firewall had already forgotten the idle connection, so it dropped the server's close");
		return;
	}
	a->cause = TL_CAUSE_STATE_LOST;
	snprintf(a->explanation, sizeof a->explanation,
		 "the connection was still open in the client%s: the firewall had forgotten it "
		 "while it was in use (a shorter idle timeout than the connection's pauses)",
		 a->has_after_close ? "" : " (the trace ends before it closed)");
}

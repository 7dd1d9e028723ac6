/* tl_attrib.c -- joining a segment to the connection it belongs to, by
 * addresses and ports first and time second, and never by a guess: when two
 * connections (of two hosts) could own it, or none, it stays unattributed
 * and the reason says why. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "tl_attrib.h"

#define SLACK_US	(2LL * 1000000)		/* clocks and resolution */
#define AFTERLIFE_US	(900LL * 1000000)	/* FIN retransmissions end within ~15 min */

/* The latest connection of one host with this key that had begun by t and
 * whose afterlife has not ended; index+1 or 0. A later connection on the
 * same ports ends the previous one's afterlife. */
static unsigned best_of_host(const struct tl_model *m, unsigned first, uint16_t rport,
			     unsigned host, int64_t t)
{
	unsigned best = 0;
	for (unsigned i = first; i; i = m->conns[i - 1].next_same_key) {
		const struct tl_conn *c = &m->conns[i - 1];
		if (c->host != host || (rport && c->rport != rport))
			continue;
		if (c->t_connect - SLACK_US <= t)
			best = i;
	}
	if (!best)
		return 0;
	const struct tl_conn *c = &m->conns[best - 1];
	int64_t end = (c->t_close ? c->t_close : m->t_max) + AFTERLIFE_US;
	return t <= end ? best : 0;
}

/* The exchange the connection carried at t: the last one begun by then
 * (after the close: its last); others still open then are "in flight". */
static void choose_exchange(const struct tl_model *m, const struct tl_conn *c,
			    struct tl_attribution *a)
{
	a->exchange = -1;
	a->n_in_flight = 0;
	for (unsigned i = 0; i < c->nxch; i++)
		if (m->xchs[c->xch[i]].t_start <= a->t_host || a->exchange < 0)
			a->exchange = c->xch[i];
	for (unsigned i = 0; i < c->nxch && a->n_in_flight < 4; i++) {
		const struct tl_exchange *x = &m->xchs[c->xch[i]];
		if ((long)c->xch[i] != a->exchange && x->t_start <= a->t_host &&
		    (x->t_end == 0 || x->t_end >= a->t_host))
			a->in_flight[a->n_in_flight++] = c->xch[i];
	}
}

/* Look the key up on every host; 1 if exactly one connection owns it. */
static int lookup(const struct tl_model *m, const char *remote, uint16_t rport, uint16_t lport,
		  const char *client_addr, struct tl_attribution *a)
{
	unsigned first = tl_model_first(m, remote, rport, lport);
	unsigned found[8], nfound = 0;
	if (!first)
		return 0;
	for (unsigned h = 0; h < m->nhosts && nfound < 8; h++) {
		unsigned i = best_of_host(m, first, rport, h, a->t_host);
		if (i)
			found[nfound++] = i;
	}
	if (nfound > 1 && client_addr) {
		/* Several hosts: the one whose own address the segment names. */
		for (unsigned k = 0; k < nfound; k++)
			if (strcmp(m->conns[found[k] - 1].local, client_addr) == 0) {
				found[0] = found[k];
				nfound = 1;
				break;
			}
	}
	if (nfound > 1) {
		snprintf(a->reason, sizeof a->reason,
			 "ambiguous: hosts %s and %s both had a connection from port %u to %s then "
			 "(the log names the gateway, not the host)",
			 m->hosts[m->conns[found[0] - 1].host].label,
			 m->hosts[m->conns[found[1] - 1].host].label, lport, remote);
		return -1;
	}
	if (nfound == 0)
		return 0;
	a->conn = found[0] - 1;
	a->host = m->conns[a->conn].host;
	return 1;
}

/* Why nothing matched, in words a volunteer can act on. */
static void explain_no_match(const struct tl_model *m, const struct tl_segment *seg,
			     struct tl_attribution *a)
{
	const char *server = seg->src;
	uint16_t port = seg->dport;
	if (!tl_model_knows_server(m, seg->src) && tl_model_knows_server(m, seg->dst)) {
		server = seg->dst;
		port = seg->sport;
	}
	/* Connections to that server near that time, on other ports? */
	char ports[96] = "";
	size_t o = 0;
	unsigned near = 0;
	for (size_t i = 0; i < m->nconns && near < 6; i++) {
		const struct tl_conn *c = &m->conns[i];
		int64_t end = (c->t_close ? c->t_close : m->t_max) + 60LL * 1000000;
		if (strcmp(c->remote, server) == 0 && c->t_connect - 60LL * 1000000 <= a->t_host &&
		    a->t_host <= end && o < sizeof ports - 8) {
			o += (size_t)snprintf(ports + o, sizeof ports - o, "%s%u", near ? "," : "", c->lport);
			near++;
		}
	}
	if (near)
		snprintf(a->reason, sizeof a->reason,
			 "no connection from client port %u to %s at that time; the client's "
			 "connections to that server then used ports %s (a NAT that changes ports? "
			 "then ports can't be matched)", port, server, ports);
	else
		snprintf(a->reason, sizeof a->reason,
			 "no connection from client port %u to %s within %lld s of that time "
			 "(is the trace from that period? clocks far apart? --clock-offset)",
			 port, server, (long long)(AFTERLIFE_US / 1000000));
}

void tl_attribute(const struct tl_model *m, const struct tl_segment *seg,
		  int64_t offset_us, struct tl_attribution *a)
{
	memset(a, 0, sizeof *a);
	a->exchange = -1;
	a->t_host = seg->t_us - offset_us;
	a->cause = TL_CAUSE_UNEXPLAINED;
	/* server -> client first (the usual dropped segment), then the client's own. */
	int r = lookup(m, seg->src, seg->sport, seg->dport, seg->dst, a);
	a->inbound = 1;
	if (r == 0 && seg->kind == TL_KIND_SEGMENT && seg->sport) {
		r = lookup(m, seg->dst, seg->dport, seg->sport, seg->src, a);
		a->inbound = r != 0 ? 0 : 1;
	}
	if (r < 0)
		return;
	if (r == 0) {
		explain_no_match(m, seg, a);
		return;
	}
	a->attributed = 1;
	const struct tl_conn *c = &m->conns[a->conn];
	if (c->t_close) {
		a->has_after_close = 1;
		a->after_close_us = a->t_host - c->t_close;
	}
	choose_exchange(m, c, a);
}

/* Order-independent: several logs of one gateway may give one connection's
 * segments in any order. */
void tl_drops_add(struct tl_conn_drops *d, const struct tl_segment *seg,
		  const struct tl_attribution *a)
{
	if (!a->attributed || !a->inbound || seg->kind != TL_KIND_SEGMENT)
		return;
	if (d->inbound++ == 0 || a->t_host < d->t_first) {
		d->t_first = a->t_host;
		d->first_flags = seg->flags;
		d->first_len = seg->has_len ? seg->len : 0;
	}
	if (seg->flags & TL_FIN) {
		int64_t t = a->t_host;
		if (!d->t_fin1 || t < d->t_fin1) {
			d->t_fin2 = d->t_fin1;
			d->t_fin1 = t;
		} else if (t != d->t_fin1 && (!d->t_fin2 || t < d->t_fin2)) {
			d->t_fin2 = t;
		}
	}
}

/* tl_model.c -- building the picture of connections and exchanges from
 * trace records, and the port index the attribution looks segments up in. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tl_model.h"
#include "tl_kv.h"
#include "tl_time.h"

/* Grow an array to hold one more element; exits on out-of-memory, as a
 * tool (not the shim) may. */
static void *grow(void *arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 64;
	void *p = realloc(arr, ncap * elem);
	if (!p)
		abort();
	memset((char *)p + *cap * elem, 0, (ncap - *cap) * elem);
	*cap = ncap;
	return p;
}

static char *dup_text(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		abort();
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void tl_model_init(struct tl_model *m)
{
	memset(m, 0, sizeof *m);
}

void tl_model_free(struct tl_model *m)
{
	for (size_t i = 0; i < m->nconns; i++)
		free(m->conns[i].xch);
	for (size_t i = 0; i < m->nxchs; i++) {
		free(m->xchs[i].project);
		free(m->xchs[i].url);
		free(m->xchs[i].summary);
	}
	for (size_t i = 0; i < m->nlogs; i++)
		free(m->logs[i].text);
	free(m->hosts);
	free(m->conns);
	free(m->xchs);
	free(m->logs);
	free(m->key_heads);
	free(m->server_heads);
	memset(m, 0, sizeof *m);
}

unsigned tl_model_host(struct tl_model *m, const char *label)
{
	for (unsigned i = 0; i < m->nhosts; i++)
		if (strcmp(m->hosts[i].label, label) == 0)
			return i;
	struct tl_host *h = realloc(m->hosts, (m->nhosts + 1) * sizeof *h);
	if (!h)
		abort();
	m->hosts = h;
	memset(&h[m->nhosts], 0, sizeof *h);
	strncpy(h[m->nhosts].label, label, sizeof h->label - 1);
	return m->nhosts++;
}

/* "1.2.3.4:80" / "[::1]:80" into address and port; -1 if malformed. */
static int split_endpoint(const char *v, char *addr, uint16_t *port)
{
	const char *colon, *a = v, *a_end;
	if (!v)
		return -1;
	if (*v == '[') {
		a = v + 1;
		a_end = strchr(a, ']');
		if (!a_end || a_end[1] != ':')
			return -1;
		colon = a_end + 1;
	} else {
		colon = strrchr(v, ':');
		if (!colon)
			return -1;
		a_end = colon;
	}
	size_t n = (size_t)(a_end - a);
	if (n == 0 || n >= TL_ADDR_MAX)
		return -1;
	memcpy(addr, a, n);
	addr[n] = '\0';
	unsigned long p = 0;
	const char *d = colon + 1;
	if (!*d)
		return -1;
	for (; *d; d++) {
		if (*d < '0' || *d > '9' || (p = p * 10 + (unsigned long)(*d - '0')) > 65535)
			return -1;
	}
	*port = (uint16_t)p;
	return tl_addr_normalise(addr) == 0 || strcmp(addr, "-") == 0 ? 0 : -1;
}

/* The connection (host, run, id), created on first mention. */
static struct tl_conn *conn_of(struct tl_model *m, unsigned host, unsigned run, uint32_t id)
{
	for (size_t i = m->nconns; i-- > 0;) {
		struct tl_conn *c = &m->conns[i];
		if (c->id == id && c->host == host && c->run == run)
			return c;
	}
	m->conns = grow(m->conns, &m->conns_cap, m->nconns, sizeof *m->conns);
	struct tl_conn *c = &m->conns[m->nconns++];
	c->host = host;
	c->run = run;
	c->id = id;
	return c;
}

static enum tl_close_kind close_kind(const char *v)
{
	static const char *const names[] = { "", "FIN", "RST_UNREAD", "RST_LINGER0", "NONE", "UNKNOWN" };
	for (unsigned i = 1; v && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(v, names[i]) == 0)
			return (enum tl_close_kind)i;
	return TL_CLOSE_UNKNOWN;
}

const char *tl_close_name(enum tl_close_kind k)
{
	static const char *const names[] = { "open", "FIN", "RST_UNREAD", "RST_LINGER0", "NONE", "UNKNOWN" };
	return names[k];
}

static void copy_field(char *dst, size_t size, const char *v)
{
	if (!v)
		return;
	strncpy(dst, v, size - 1);
	dst[size - 1] = '\0';
}

/* Addresses, once, from the first record that names them. */
static int take_endpoints(struct tl_conn *c, const struct tl_kv *kv)
{
	const char *local = tl_kv_get(kv, "local"), *remote = tl_kv_get(kv, "remote");
	if (remote && !c->remote[0] && split_endpoint(remote, c->remote, &c->rport) < 0)
		return -1;
	if (local && strcmp(local, "-") != 0 && !c->lport &&
	    split_endpoint(local, c->local, &c->lport) < 0)
		return -1;
	return 0;
}

static void conn_close(struct tl_conn *c, const struct tl_kv *kv, int64_t t)
{
	uint64_t v;
	int64_t tt;
	c->t_close = t;
	c->close = close_kind(tl_kv_get(kv, "close"));
	if (tl_kv_u64(kv, "unread", &v) == 0) c->unread = v;
	if (tl_kv_u64(kv, "unsent", &v) == 0) c->unsent = v;
	if (tl_kv_u64(kv, "sent", &v) == 0) c->sent = v;
	if (tl_kv_u64(kv, "recv", &v) == 0) c->recv = v;
	if (tl_kv_u64(kv, "retrans", &v) == 0) c->retrans = (uint32_t)v;
	if (tl_kv_u64(kv, "total_retrans", &v) == 0) c->total_retrans = (uint32_t)v;
	if (tl_kv_u64(kv, "idle_recv_ms", &v) == 0) c->t_last_recv = t - (int64_t)v * 1000;
	if (tl_kv_u64(kv, "idle_sent_ms", &v) == 0) c->t_last_send = t - (int64_t)v * 1000;
	if (tl_kv_time(kv, "t_connect", &tt) == 0 && !c->t_connect) c->t_connect = tt;
	if (tl_kv_time(kv, "t_established", &tt) == 0 && !c->t_established) c->t_established = tt;
	if (tl_kv_time(kv, "t_peer_fin", &tt) == 0) c->t_peer_fin = tt;
	if (tl_kv_time(kv, "t_peer_rst", &tt) == 0) c->t_peer_rst = tt;
	const char *first = tl_kv_get(kv, "closed_first");
	c->closed_first_server = first && strcmp(first, "server") == 0;
	copy_field(c->state, sizeof c->state, tl_kv_get(kv, "state"));
	copy_field(c->history, sizeof c->history, tl_kv_get(kv, "history"));
}

static int exchange_record(struct tl_model *m, unsigned host, unsigned run,
			   const struct tl_kv *kv, int64_t t, int at_start)
{
	uint64_t id, v;
	if (tl_kv_u64(kv, "exchange", &id) < 0)
		return -1;
	struct tl_exchange *x = NULL;
	for (size_t i = m->nxchs; i-- > 0;)
		if (m->xchs[i].id == id && m->xchs[i].host == host && m->xchs[i].run == run) {
			x = &m->xchs[i];
			break;
		}
	if (!x) {
		m->xchs = grow(m->xchs, &m->xchs_cap, m->nxchs, sizeof *m->xchs);
		x = &m->xchs[m->nxchs++];
		x->host = host;
		x->run = run;
		x->id = (uint32_t)id;
	}
	const char *s;
	copy_field(x->kind, sizeof x->kind, tl_kv_get(kv, "kind"));
	copy_field(x->method, sizeof x->method, tl_kv_get(kv, "method"));
	copy_field(x->http, sizeof x->http, tl_kv_get(kv, "http"));
	copy_field(x->outcome, sizeof x->outcome, tl_kv_get(kv, "outcome"));
	if ((s = tl_kv_get(kv, "project")) && !x->project)
		x->project = dup_text(s, strlen(s));
	if ((s = tl_kv_get(kv, "url")) && !x->url)
		x->url = dup_text(s, strlen(s));
	if (tl_kv_u64(kv, "status", &v) == 0) x->status = (int)v;
	if (tl_kv_u64(kv, "sent", &v) == 0) x->sent = v;
	if (tl_kv_u64(kv, "recv", &v) == 0) x->recv = v;
	if (tl_kv_u64(kv, "reused", &v) == 0) x->reused = (int)v;
	int64_t ts;
	if (tl_kv_time(kv, "t_start", &ts) == 0) x->t_start = ts;
	if (at_start && !x->t_start) x->t_start = t;
	if (!at_start) x->t_end = t;
	const char *conns = tl_kv_get(kv, at_start ? "conn" : "conns");
	if (!conns && at_start)
		conns = tl_kv_get(kv, "conns");
	for (const char *c = conns; c && *c && x->nconn < 8;) {
		char *end;
		unsigned long cid = strtoul(c, &end, 10);
		if (end == c)
			break;
		int dup = 0;
		for (unsigned i = 0; i < x->nconn; i++)
			dup |= x->conn_ids[i] == cid;
		if (!dup)
			x->conn_ids[x->nconn++] = (uint32_t)cid;
		c = *end == ',' ? end + 1 : end;
		if (*end != ',')
			break;
	}
	if (strcmp(x->kind, "scheduler_rpc") == 0 && !at_start && !x->summary) {
		char buf[512];
		size_t o = 0;
		static const char *const keys[] = { "req_secs", "reported", "received", "request_delay", "messages" };
		for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if ((s = tl_kv_get(kv, keys[i])) && o < sizeof buf)
				o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s=%s", o ? " " : "", keys[i], s);
		if (o)
			x->summary = dup_text(buf, o < sizeof buf ? o : sizeof buf - 1);
	}
	return 0;
}

int tl_model_record(struct tl_model *m, unsigned host, unsigned run, const char *p,
		    size_t n, const char **error)
{
	static struct tl_kv kv;	/* big; one at a time */
	int64_t t;
	uint64_t id;
	if (tl_kv_parse(&kv, p, n, error) < 0)
		goto bad;
	const char *ev = tl_kv_get(&kv, "ev");
	if (!ev || tl_kv_time(&kv, "t", &t) < 0) {
		*error = "record without ev= or t=";
		goto bad;
	}
	if (!m->t_min || t < m->t_min) m->t_min = t;
	if (t > m->t_max) m->t_max = t;
	if (strcmp(ev, "log") == 0) {
		const char *text = tl_kv_get(&kv, "text");
		if (text) {
			tl_model_log(m, host, t, text, strlen(text));
			m->hosts[host].has_log_records = 1;
		}
		return 0;
	}
	if (strcmp(ev, "exchange_end") == 0 || strcmp(ev, "exchange_start") == 0) {
		if (exchange_record(m, host, run, &kv, t, ev[9] == 's') < 0) {
			*error = "exchange record without exchange=";
			goto bad;
		}
		return 0;
	}
	if (tl_kv_u64(&kv, "conn", &id) < 0)
		return 0;	/* note, gap ...: nothing to keep */
	struct tl_conn *c = conn_of(m, host, run, (uint32_t)id);
	if (take_endpoints(c, &kv) < 0) {
		*error = "bad local= or remote= address";
		goto bad;
	}
	int64_t tc;
	if (tl_kv_time(&kv, "t_connect", &tc) == 0 && !c->t_connect)
		c->t_connect = tc;
	if (strcmp(ev, "established") == 0) {
		c->t_established = t;
		if (!c->t_connect)
			c->t_connect = t;
	} else if (strcmp(ev, "connect_fail") == 0) {
		c->failed = 1;
		if (!c->t_connect)
			c->t_connect = t;
	} else if (strcmp(ev, "peer_fin") == 0) {
		if (!c->t_peer_fin) c->t_peer_fin = t;
	} else if (strcmp(ev, "peer_rst") == 0) {
		if (!c->t_peer_rst) c->t_peer_rst = t;
	} else if (strcmp(ev, "close") == 0) {
		conn_close(c, &kv, t);
	}
	return 0;
bad:
	m->bad_records++;
	return -1;
}

/* A client log line; the client's own second-resolution stamp at its start
 * is dropped (the record's time is exact). */
struct tl_logrec *tl_model_log(struct tl_model *m, unsigned host, int64_t t_us,
			       const char *text, size_t n)
{
	static const struct tl_time_opts utc_unused;
	int64_t ignored;
	unsigned res;
	size_t stamp = tl_time_boinc(&utc_unused, text, n, &ignored, &res);
	if (stamp && stamp < n && text[stamp] == ' ')
		stamp++;
	m->logs = grow(m->logs, &m->logs_cap, m->nlogs, sizeof *m->logs);
	struct tl_logrec *l = &m->logs[m->nlogs++];
	l->host = host;
	l->t_us = t_us;
	l->t_res_us = 1;
	l->text = dup_text(text + stamp, n - stamp);
	return l;
}

/* FNV-1a of the lookup key: server address and client port. */
static size_t key_hash(const char *remote, uint16_t lport)
{
	uint64_t h = 1469598103934665603ULL;
	for (const char *p = remote; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ lport) * 1099511628211ULL;
	return (size_t)h;
}

static int by_connect_time(const void *a, const void *b)
{
	const struct tl_conn *x = a, *y = b;
	return (x->t_connect > y->t_connect) - (x->t_connect < y->t_connect);
}

static void attach_exchange(struct tl_conn *c, unsigned xi)
{
	for (unsigned i = 0; i < c->nxch; i++)
		if (c->xch[i] == xi)
			return;
	if (c->nxch == c->xch_cap) {
		c->xch_cap = c->xch_cap ? c->xch_cap * 2 : 4;
		c->xch = realloc(c->xch, c->xch_cap * sizeof *c->xch);
		if (!c->xch)
			abort();
	}
	c->xch[c->nxch++] = xi;
}

void tl_model_finish(struct tl_model *m)
{
	if (m->nconns)
		qsort(m->conns, m->nconns, sizeof *m->conns, by_connect_time);
	/* Exchanges name their connections by id: link both ways. */
	for (size_t xi = 0; xi < m->nxchs; xi++) {
		struct tl_exchange *x = &m->xchs[xi];
		if (!x->t_start)
			x->t_start = x->t_end;
		for (unsigned k = 0; k < x->nconn; k++)
			for (size_t ci = 0; ci < m->nconns; ci++) {
				struct tl_conn *c = &m->conns[ci];
				if (c->id == x->conn_ids[k] && c->host == x->host && c->run == x->run)
					attach_exchange(c, (unsigned)xi);
			}
	}
	/* Each connection's exchanges in the order they started. */
	for (size_t ci = 0; ci < m->nconns; ci++) {
		struct tl_conn *c = &m->conns[ci];
		for (unsigned i = 1; i < c->nxch; i++)
			for (unsigned j = i; j > 0 && m->xchs[c->xch[j]].t_start < m->xchs[c->xch[j - 1]].t_start; j--) {
				unsigned t = c->xch[j];
				c->xch[j] = c->xch[j - 1];
				c->xch[j - 1] = t;
			}
	}
	m->key_size = 64;
	while (m->key_size < m->nconns * 2)
		m->key_size *= 2;
	m->key_heads = calloc(m->key_size, sizeof *m->key_heads);
	if (!m->key_heads)
		abort();
	/* Chains in t_connect order: insert from the last so heads are first. */
	for (size_t ci = m->nconns; ci-- > 0;) {
		struct tl_conn *c = &m->conns[ci];
		if (!c->remote[0])
			continue;
		size_t slot = key_hash(c->remote, c->lport) & (m->key_size - 1);
		/* open addressing over chains: find the slot of this key */
		for (;;) {
			unsigned head = m->key_heads[slot];
			if (!head)
				break;
			struct tl_conn *h = &m->conns[head - 1];
			if (h->lport == c->lport && strcmp(h->remote, c->remote) == 0)
				break;
			slot = (slot + 1) & (m->key_size - 1);
		}
		c->next_same_key = m->key_heads[slot];
		m->key_heads[slot] = (unsigned)ci + 1;
	}
	m->server_heads = calloc(m->key_size, sizeof *m->server_heads);
	if (!m->server_heads)
		abort();
	for (size_t ci = 0; ci < m->nconns; ci++) {
		const char *r = m->conns[ci].remote;
		if (!r[0])
			continue;
		size_t slot = key_hash(r, 0) & (m->key_size - 1);
		while (m->server_heads[slot] && strcmp(m->conns[m->server_heads[slot] - 1].remote, r) != 0)
			slot = (slot + 1) & (m->key_size - 1);
		if (!m->server_heads[slot]) {
			m->server_heads[slot] = (unsigned)ci + 1;
			if (m->nservers < 16) {
				m->servers[m->nservers] = r;
				m->server_len[m->nservers] = strlen(r);
			}
			m->nservers++;
		}
	}
}

unsigned tl_model_first(const struct tl_model *m, const char *remote, uint16_t rport,
			uint16_t lport)
{
	if (!m->key_size)
		return 0;
	size_t slot = key_hash(remote, lport) & (m->key_size - 1);
	for (;;) {
		unsigned head = m->key_heads[slot];
		if (!head)
			return 0;
		const struct tl_conn *h = &m->conns[head - 1];
		if (h->lport == lport && strcmp(h->remote, remote) == 0) {
			while (head && rport && m->conns[head - 1].rport != rport)
				head = m->conns[head - 1].next_same_key;
			return head;
		}
		slot = (slot + 1) & (m->key_size - 1);
	}
}

/* Asked once per firewall-log segment: a BOINC client talks to a handful of
 * servers, so a short scan that rejects on the first byte beats hashing. */
int tl_model_knows_server(const struct tl_model *m, const char *remote)
{
	if (!m->key_size)
		return 0;
	if (m->nservers <= 16) {
		for (unsigned i = 0; i < m->nservers; i++)
			if (remote[0] == m->servers[i][0] &&
			    memcmp(remote, m->servers[i], m->server_len[i] + 1) == 0)
				return 1;
		return 0;
	}
	size_t slot = key_hash(remote, 0) & (m->key_size - 1);
	while (m->server_heads[slot]) {
		if (strcmp(m->conns[m->server_heads[slot] - 1].remote, remote) == 0)
			return 1;
		slot = (slot + 1) & (m->key_size - 1);
	}
	return 0;
}

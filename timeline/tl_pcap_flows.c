/* tl_pcap_flows.c -- per-connection state for annotating captured
 * segments (see tl_pcap_flows.h).
 *
 * The table is hash chains over an array of flows; both grow by doubling
 * up to the limit (the chains are rebuilt then), so a small capture costs
 * little,
 * with a doubly linked recency list for evicting the flow seen longest ago.
 * The client is the side that sent the SYN (or received the SYN-ACK); when
 * the capture holds neither, it is the side with the higher port (the
 * ephemeral one: servers listen on low ports), the first side on a tie.
 * Sequence numbers are compared in serial arithmetic (RFC 1982), so
 * wraparound at 2^32 does not make new data look old. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "tl_pcap_flows.h"

#define NONE (-1)

struct flow_key {
	uint8_t family, unused;	/* no padding: keys are hashed and compared as bytes */
	uint8_t addr[2][16];	/* side 0 is the lower (address, port) */
	uint16_t port[2];
};

struct flow {
	struct flow_key key;
	int32_t chain;		/* next in the hash bucket */
	int32_t newer, older;	/* recency list */
	int64_t client_close_us;
	uint32_t high[2];	/* highest sequence end each side sent */
	uint32_t client_isn;
	uint8_t high_seen[2];
	uint8_t client;		/* side index of the client */
	uint8_t client_from_syn;
	uint8_t client_close_flags;	/* TL_FIN / TL_RST, 0 while open */
};

struct tl_flows {
	int32_t *bucket;
	uint32_t nbuckets;	/* a power of two, at least twice the flows */
	struct flow *flow;
	unsigned count, capacity, max;
	int32_t newest, oldest;
	uint64_t evicted;
};

/* a after b in sequence space (RFC 1982 serial arithmetic). */
static int seq_after(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) > 0;
}

/* Nothing allocated until the first flow. */
struct tl_flows *tl_flows_new(unsigned max_flows)
{
	struct tl_flows *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->max = max_flows ? max_flows : 1;
	f->newest = f->oldest = NONE;
	return f;
}

/* NULL is fine, as with free(). */
void tl_flows_free(struct tl_flows *f)
{
	if (f) {
		free(f->flow);
		free(f->bucket);
	}
	free(f);
}

/* The key with the sides in a fixed order, and which side sent pkt. */
static struct flow_key make_key(const struct tl_tcp_pkt *pkt, int *from_side)
{
	struct flow_key k;
	size_t alen = pkt->family == AF_INET ? 4 : 16;
	memset(&k, 0, sizeof k);
	int c = memcmp(pkt->src, pkt->dst, alen);
	int src_low = c < 0 || (c == 0 && pkt->sport <= pkt->dport);
	k.family = (uint8_t)pkt->family;
	memcpy(k.addr[src_low ? 0 : 1], pkt->src, alen);
	memcpy(k.addr[src_low ? 1 : 0], pkt->dst, alen);
	k.port[src_low ? 0 : 1] = pkt->sport;
	k.port[src_low ? 1 : 0] = pkt->dport;
	*from_side = src_low ? 0 : 1;
	return k;
}

/* FNV-1a over the key's bytes (the key has no padding), to a bucket. */
static uint32_t hash_key(const struct tl_flows *f, const struct flow_key *k)
{
	const uint8_t *b = (const uint8_t *)k;
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < sizeof *k; i++)
		h = (h ^ b[i]) * 16777619u;
	return h & (f->nbuckets - 1);
}

/* Take flow i out of the recency list. */
static void unlink_recent(struct tl_flows *f, int32_t i)
{
	struct flow *fl = &f->flow[i];
	if (fl->newer != NONE)
		f->flow[fl->newer].older = fl->older;
	else
		f->newest = fl->older;
	if (fl->older != NONE)
		f->flow[fl->older].newer = fl->newer;
	else
		f->oldest = fl->newer;
}

/* Put flow i at the front of the recency list. */
static void mark_recent(struct tl_flows *f, int32_t i)
{
	struct flow *fl = &f->flow[i];
	fl->older = f->newest;
	fl->newer = NONE;
	if (f->newest != NONE)
		f->flow[f->newest].newer = i;
	f->newest = i;
	if (f->oldest == NONE)
		f->oldest = i;
}

/* Take flow i out of its hash chain (chains are short). */
static void unlink_chain(struct tl_flows *f, int32_t i)
{
	int32_t *link = &f->bucket[hash_key(f, &f->flow[i].key)];
	while (*link != i)
		link = &f->flow[*link].chain;
	*link = f->flow[i].chain;
}

/* Room for twice as many flows (up to the limit), and buckets to match,
 * the chains rebuilt over them: 0, or -1 if out of memory. */
static int grow(struct tl_flows *f)
{
	unsigned cap = f->capacity ? f->capacity * 2 : 64;
	if (cap > f->max)
		cap = f->max;
	uint32_t nb = 1;
	while (nb < 2 * cap)
		nb *= 2;
	struct flow *flows = realloc(f->flow, cap * sizeof *flows);
	if (!flows)
		return -1;
	f->flow = flows;
	f->capacity = cap;
	int32_t *buckets = malloc(nb * sizeof *buckets);
	if (!buckets)
		return -1;
	free(f->bucket);
	f->bucket = buckets;
	f->nbuckets = nb;
	memset(f->bucket, 0xff, nb * sizeof *buckets);	/* all NONE */
	for (unsigned i = 0; i < f->count; i++) {
		uint32_t h = hash_key(f, &f->flow[i].key);
		f->flow[i].chain = f->bucket[h];
		f->bucket[h] = (int32_t)i;
	}
	return 0;
}

/* A slot for a new flow: a fresh one while under the limit, else the
 * oldest flow's, evicted. NONE if out of memory. */
static int32_t new_slot(struct tl_flows *f)
{
	if (f->count < f->max) {
		if (f->count == f->capacity && grow(f) < 0)
			return NONE;
		return (int32_t)f->count++;
	}
	int32_t i = f->oldest;
	unlink_recent(f, i);
	unlink_chain(f, i);
	f->evicted++;
	return i;
}

/* The flow of key, created when new; NONE if out of memory. */
static int32_t find_or_add(struct tl_flows *f, const struct flow_key *k, int *created)
{
	*created = 0;
	for (int32_t i = f->nbuckets ? f->bucket[hash_key(f, k)] : NONE; i != NONE;
	     i = f->flow[i].chain)
		if (memcmp(&f->flow[i].key, k, sizeof *k) == 0) {
			unlink_recent(f, i);
			mark_recent(f, i);
			return i;
		}
	int32_t i = new_slot(f);
	if (i == NONE)
		return NONE;
	struct flow *fl = &f->flow[i];
	uint32_t h = hash_key(f, k);	/* after new_slot: it may grow the buckets */
	memset(fl, 0, sizeof *fl);
	memcpy(&fl->key, k, sizeof *k);
	fl->chain = f->bucket[h];
	f->bucket[h] = i;
	mark_recent(f, i);
	*created = 1;
	return i;
}

/* Forget what a previous connection on the same ports left behind. */
static void restart(struct flow *fl)
{
	fl->client_close_us = 0;
	fl->client_close_flags = 0;
	fl->high_seen[0] = fl->high_seen[1] = 0;
}

/* Who the client is, from this packet if it says so. */
static void learn_client(struct flow *fl, const struct tl_tcp_pkt *pkt, int side, int created)
{
	int syn = pkt->flags & TL_SYN, ack = pkt->flags & TL_ACK;
	if (syn && !ack) {
		if (!(fl->client_from_syn && fl->client == side && fl->client_isn == pkt->seq))
			restart(fl);	/* a new connection, not a retransmitted SYN */
		fl->client = (uint8_t)side;
		fl->client_isn = pkt->seq;
		fl->client_from_syn = 1;
	} else if (syn && ack && !fl->client_from_syn) {
		fl->client = (uint8_t)(1 - side);
		fl->client_from_syn = 1;
	} else if (created) {
		fl->client = fl->key.port[1] > fl->key.port[0] ? 1 : 0;
	}
}

/* The client's FIN/RST is remembered; the server's segments after it are
 * marked late, and those inside sequence space it already sent are marked
 * retransmitted. Only server segments are annotated (the attribution asks
 * about what the server sent after the client was done). */
int tl_flows_note(struct tl_flows *f, const struct tl_tcp_pkt *pkt, int64_t t_us,
		  struct tl_segment *seg)
{
	int side, created;
	struct flow_key k = make_key(pkt, &side);
	int32_t i = find_or_add(f, &k, &created);
	if (i == NONE)
		return -1;
	struct flow *fl = &f->flow[i];
	learn_client(fl, pkt, side, created);
	uint32_t end = pkt->seq + pkt->len + ((pkt->flags & TL_SYN) ? 1 : 0) +
		       ((pkt->flags & TL_FIN) ? 1 : 0);
	int carries = end != pkt->seq;	/* data, SYN or FIN: sequence space */
	if (side == fl->client) {
		if (!fl->client_close_flags && (pkt->flags & (TL_FIN | TL_RST))) {
			fl->client_close_flags = (pkt->flags & TL_RST) ? TL_RST : TL_FIN;
			fl->client_close_us = t_us;
		}
	} else {
		if (fl->client_close_flags) {
			seg->cap_after_client_close = 1;
			seg->cap_client_close_us = fl->client_close_us;
			seg->cap_client_close_flags = fl->client_close_flags;
		}
		if (carries && fl->high_seen[side] && !seq_after(end, fl->high[side]))
			seg->cap_retransmit = 1;
	}
	if (carries && (!fl->high_seen[side] || seq_after(end, fl->high[side]))) {
		fl->high[side] = end;
		fl->high_seen[side] = 1;
	}
	return 0;
}

/* Flows forgotten to make room: their later segments lose annotations. */
uint64_t tl_flows_evicted(const struct tl_flows *f)
{
	return f->evicted;
}

/* Flows held now (for tests and figures). */
unsigned tl_flows_count(const struct tl_flows *f)
{
	return f->count;
}

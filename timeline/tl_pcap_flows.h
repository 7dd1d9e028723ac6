/* tl_pcap_flows.h -- the per-connection memory of tl_pcap.c: which side is
 * the client, when its FIN or RST passed, how far each side's sequence
 * space reached; used to annotate each captured segment. A bounded table:
 * the least recently seen flow makes room for a new one (and is counted).
 * Private to tl_pcap*.c (and its tests). */
#ifndef TL_PCAP_FLOWS_H
#define TL_PCAP_FLOWS_H

#include <stdint.h>
#include "tl_segment.h"

/* One TCP segment as decoded from a packet, addresses in network order. */
struct tl_tcp_pkt {
	int family;		/* AF_INET or AF_INET6 */
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint32_t seq, ack, len, ipid;
	uint8_t flags, has_ipid;
};

struct tl_flows;

/* A table for at most max_flows connections; NULL if out of memory. */
struct tl_flows *tl_flows_new(unsigned max_flows);
void tl_flows_free(struct tl_flows *f);
/* Follow the packet's flow and set seg's cap_* fields (the packet comes in
 * capture order, seg is otherwise filled by the caller). 0, or -1 if out of
 * memory (seg then carries no annotation). */
int tl_flows_note(struct tl_flows *f, const struct tl_tcp_pkt *pkt, int64_t t_us,
		  struct tl_segment *seg);
uint64_t tl_flows_evicted(const struct tl_flows *f);
unsigned tl_flows_count(const struct tl_flows *f);

#endif

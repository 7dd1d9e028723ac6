/* tl_pcap.h -- TCP segments from a packet capture (pcap or pcapng, through
 * libpcap), each annotated from the capture itself: a server segment that
 * arrived after the client's FIN or RST had passed, or one that carries
 * sequence space already seen (a retransmission). Flows are followed in a
 * bounded table: memory grows with connections, not with packets. */
#ifndef TL_PCAP_H
#define TL_PCAP_H

#include <stddef.h>
#include <stdint.h>
#include "tl_segment.h"

struct tl_pcap;

/* NULL with a message in err on failure (not a capture, unreadable). */
struct tl_pcap *tl_pcap_open(const char *path, char *err, size_t errsize);
/* Next TCP segment: 1 (seg filled), 0 at the end, -1 on a read error.
 * Non-TCP and malformed packets are skipped and counted. */
int tl_pcap_next(struct tl_pcap *p, struct tl_segment *seg);
uint64_t tl_pcap_packets(const struct tl_pcap *p);	/* all packets read */
uint64_t tl_pcap_malformed(const struct tl_pcap *p);	/* cut or unparsable */
/* Flows forgotten to make room (their later segments lose annotations). */
uint64_t tl_pcap_flows_evicted(const struct tl_pcap *p);
/* What went wrong when tl_pcap_next returned -1 (libpcap's text). */
const char *tl_pcap_error(const struct tl_pcap *p);
void tl_pcap_close(struct tl_pcap *p);
/* 1 if the file starts with a pcap or pcapng magic. */
int tl_pcap_sniff(const unsigned char *head, size_t n);

#endif

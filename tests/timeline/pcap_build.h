/* pcap_build.h -- captures built by the tests themselves: TCP/IP packets
 * from a few fields, framed for a link type, written with libpcap's own
 * writer (pcap_dump) to a temporary file, and read back through tl_pcap. */
#ifndef PCAP_BUILD_H
#define PCAP_BUILD_H

#include <stddef.h>
#include <stdint.h>
#include <pcap/pcap.h>
#include "tl_pcap.h"

struct tcp_spec {
	int family;		/* AF_INET, AF_INET6 */
	const char *src, *dst;
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t len;		/* payload bytes (zeros) */
	uint16_t ipid;
	uint8_t v6_hop_by_hop;	/* put an 8-byte extension header before TCP */
};

struct cap {
	pcap_t *dead;
	pcap_dumper_t *dumper;
	int linktype;
	unsigned vlan_tags;	/* Ethernet: 802.1Q tags to add */
	char path[128];
};

/* IP + TCP header + payload into buf; its length. */
size_t build_ip_tcp(uint8_t *buf, size_t size, const struct tcp_spec *s);
/* ip wrapped in the link layer of linktype; the frame's length. */
size_t build_frame(int linktype, unsigned vlan_tags, const uint8_t *ip, size_t iplen,
		   uint8_t *out, size_t size);
/* A new capture file of linktype (ns time stamps if nano). */
void cap_open(struct cap *c, int linktype, int nano);
/* One record: frame of len bytes, caplen of them kept. */
void cap_raw(struct cap *c, int64_t t_us, const uint8_t *frame, size_t len, size_t caplen);
/* One TCP segment, framed for the capture's link type. */
void cap_tcp(struct cap *c, int64_t t_us, const struct tcp_spec *s);
void cap_close(struct cap *c);
/* A temporary file name for hand-written captures (removed by the test). */
void cap_temp_path(char *path, size_t size);
/* Every segment of the file; how many (asserts the file opens and reads
 * to its end). */
size_t read_all(const char *path, struct tl_segment *segs, size_t max, uint64_t *packets,
		 uint64_t *malformed);

#endif

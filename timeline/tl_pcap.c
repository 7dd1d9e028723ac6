/* tl_pcap.c -- TCP segments out of a pcap or pcapng file (libpcap reads
 * both, with time stamps asked for in µs whatever the file holds).
 *
 * Link types: Ethernet (with 802.1Q/802.1ad tags), Linux cooked v1 and v2
 * (tcpdump -i any), raw IP (LINKTYPE_RAW 101 is what ulogd2's PCAP output
 * writes for the firewall's NFLOG'd packets; also DLT_IPV4/DLT_IPV6), BSD
 * loopback (NULL, LOOP), OpenBSD/FreeBSD pflog and Linux NFLOG (tcpdump -i
 * nflog:N). IPv4 and IPv6 (extension headers skipped; fragments after the
 * first carry no TCP header and are skipped). A packet cut before the end
 * of its TCP header's first 20 bytes, or with inconsistent lengths, is
 * counted as malformed and skipped; nothing is read past the captured
 * length. Each segment is annotated by tl_pcap_flows.c. */
#include "config.h"
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tl_pcap.h"
#include "tl_pcap_flows.h"

#define FLOWS_MAX 65536u
#define VLAN_TAGS_MAX 4
#define IPV6_EXT_MAX 8
#define SEC_MAX 9000000000000LL	/* beyond this, seconds * 10^6 would overflow */

#define DLT_RAW_OPENBSD 14
#define NFULA_PAYLOAD 9

struct tl_pcap {
	pcap_t *pcap;
	int linktype;
	struct tl_flows *flows;
	uint64_t packets, malformed;
	char error[PCAP_ERRBUF_SIZE];
};

/* Outcome of decoding one packet. */
enum decoded { PKT_TCP, PKT_OTHER, PKT_MALFORMED };

/* Network-order fields, byte by byte (no alignment assumed). */
static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

/* 32 bits of it. */
static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The link types this reader knows how to peel. */
static int known_linktype(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB: case DLT_LINUX_SLL: case DLT_LINUX_SLL2: case DLT_RAW:
	case DLT_RAW_OPENBSD: case DLT_IPV4: case DLT_IPV6: case DLT_NULL: case DLT_LOOP:
	case DLT_PFLOG: case DLT_NFLOG:
		return 1;
	}
	return 0;
}

/* Open through libpcap (pcap and pcapng alike), µs stamps, known link
 * types only: an unknown one is said at once, not as a pile of malformed
 * packets. */
struct tl_pcap *tl_pcap_open(const char *path, char *err, size_t errsize)
{
	char perr[PCAP_ERRBUF_SIZE] = "";
	struct tl_pcap *p = calloc(1, sizeof *p);
	if (!p) {
		snprintf(err, errsize, "%s: out of memory", path);
		return NULL;
	}
	p->pcap = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_MICRO, perr);
	if (!p->pcap) {
		snprintf(err, errsize, "%s: %s", path, perr);
		free(p);
		return NULL;
	}
	p->linktype = pcap_datalink(p->pcap);
	if (!known_linktype(p->linktype)) {
		snprintf(err, errsize, "%s: link type %s (%d) is not supported", path,
			 pcap_datalink_val_to_name(p->linktype) ? pcap_datalink_val_to_name(p->linktype) : "?",
			 p->linktype);
		tl_pcap_close(p);
		return NULL;
	}
	if (!(p->flows = tl_flows_new(FLOWS_MAX))) {
		snprintf(err, errsize, "%s: out of memory", path);
		tl_pcap_close(p);
		return NULL;
	}
	return p;
}

/* An EtherType's IP version (4, 6), or 0. */
static int ethertype_ip(uint16_t type)
{
	return type == 0x0800 ? 4 : type == 0x86DD ? 6 : 0;
}

/* Linux NFLOG: a 4-byte header, then TLVs (lengths in the capturing host's
 * order, which libpcap fixes up); the packet is the NFULA_PAYLOAD TLV. */
static int nflog_payload(const uint8_t *d, size_t n, size_t *at, size_t *len)
{
	size_t i = 4;
	while (i + 4 <= n) {
		uint16_t tlv_len, tlv_type;
		memcpy(&tlv_len, d + i, 2);
		memcpy(&tlv_type, d + i + 2, 2);
		if (tlv_len < 4 || tlv_len > n - i)
			return -1;
		if ((tlv_type & 0x7fff) == NFULA_PAYLOAD) {
			*at = i + 4;
			*len = tlv_len - 4u;
			return 0;
		}
		i += ((size_t)tlv_len + 3u) & ~(size_t)3;
	}
	return -1;
}

/* 802.1Q, 802.1ad and the old QinQ EtherType. */
static int is_vlan(uint16_t type)
{
	return type == 0x8100 || type == 0x88A8 || type == 0x9100;
}

/* Where the IP header starts in the frame (*at) and its version (*ver).
 * PKT_OTHER for non-IP frames, PKT_MALFORMED if cut, else PKT_TCP ("go
 * on"). *n may shrink to the link layer's own payload (NFLOG). */
static enum decoded link_layer(int dlt, const uint8_t *d, size_t *n, size_t *at, int *ver)
{
	size_t off = 0;
	int typed = 1;		/* the link layer names the protocol */
	*ver = 0;
	switch (dlt) {
	case DLT_EN10MB: {
		if (*n < 14)
			return PKT_MALFORMED;
		uint16_t type = be16(d + 12);
		off = 14;
		for (int tags = 0; is_vlan(type); tags++) {
			if (tags == VLAN_TAGS_MAX)
				return PKT_OTHER;
			if (*n < off + 4)
				return PKT_MALFORMED;
			type = be16(d + off + 2);
			off += 4;
		}
		*ver = ethertype_ip(type);
		break;
	}
	case DLT_LINUX_SLL:
		if (*n < 16)
			return PKT_MALFORMED;
		*ver = ethertype_ip(be16(d + 14));
		off = 16;
		break;
	case DLT_LINUX_SLL2:
		if (*n < 20)
			return PKT_MALFORMED;
		*ver = ethertype_ip(be16(d));
		off = 20;
		break;
	case DLT_NULL: case DLT_LOOP:
		typed = 0;	/* AF_ values differ between systems: the IP header says */
		off = 4;
		break;
	case DLT_PFLOG:
		if (*n < 1)
			return PKT_MALFORMED;
		typed = 0;
		off = ((size_t)d[0] + 3u) & ~(size_t)3;	/* BPF_WORDALIGN(hdrlen) */
		break;
	case DLT_NFLOG: {
		size_t len;
		if (nflog_payload(d, *n, &off, &len) < 0)
			return PKT_MALFORMED;
		typed = 0;
		*n = off + len;
		break;
	}
	default:		/* raw IP */
		typed = 0;
		break;
	}
	if (typed && *ver == 0)
		return PKT_OTHER;
	if (*n <= off)
		return PKT_MALFORMED;
	if (!typed)
		*ver = d[off] >> 4;
	*at = off;
	return PKT_TCP;
}

/* IPv4 header at d (n captured bytes): TCP's offset and the IP payload's
 * length on the wire. */
static enum decoded ipv4(const uint8_t *d, size_t n, struct tl_tcp_pkt *pkt, size_t *tcp_at,
			 size_t *ip_payload)
{
	if (n < 20 || d[0] >> 4 != 4)
		return PKT_MALFORMED;
	size_t ihl = (size_t)(d[0] & 0x0f) * 4;
	uint16_t total = be16(d + 2), frag = be16(d + 6);
	if (ihl < 20 || n < ihl)
		return PKT_MALFORMED;
	if (d[9] != 6 || (frag & 0x1fff) != 0)
		return PKT_OTHER;	/* not TCP, or a later fragment */
	if (total == 0)
		total = (uint16_t)(n > 65535 ? 65535 : n);	/* TSO capture: length unset */
	if (total < ihl)
		return PKT_MALFORMED;
	pkt->family = AF_INET;
	memcpy(pkt->src, d + 12, 4);
	memcpy(pkt->dst, d + 16, 4);
	pkt->ipid = be16(d + 4);
	pkt->has_ipid = 1;
	*tcp_at = ihl;
	*ip_payload = total - ihl;
	return PKT_TCP;
}

/* IPv6 header at d: extension headers followed to TCP. */
static enum decoded ipv6(const uint8_t *d, size_t n, struct tl_tcp_pkt *pkt, size_t *tcp_at,
			 size_t *ip_payload)
{
	if (n < 40 || d[0] >> 4 != 6)
		return PKT_MALFORMED;
	size_t payload = be16(d + 4), off = 40;
	uint8_t next = d[6];
	if (payload == 0)
		payload = n - 40;	/* jumbogram or TSO: take what was captured */
	for (int ext = 0; next != 6; ext++) {
		if (ext == IPV6_EXT_MAX || (next != 0 && next != 43 && next != 44 &&
					    next != 60 && next != 51))
			return PKT_OTHER;
		if (n < off + 8)
			return PKT_MALFORMED;
		if (next == 44 && (be16(d + off + 2) & 0xfff8) != 0)
			return PKT_OTHER;	/* a later fragment */
		size_t len = next == 44 ? 8 : next == 51 ? ((size_t)d[off + 1] + 2) * 4
					 : ((size_t)d[off + 1] + 1) * 8;
		next = d[off];
		off += len;
		if (len > payload || off > n)
			return PKT_MALFORMED;
		payload -= len;
	}
	pkt->family = AF_INET6;
	memcpy(pkt->src, d + 8, 16);
	memcpy(pkt->dst, d + 24, 16);
	pkt->has_ipid = 0;
	*tcp_at = off;
	*ip_payload = payload;
	return PKT_TCP;
}

/* The whole packet: link layer, IP, TCP's first 20 bytes. */
static enum decoded decode(int dlt, const uint8_t *d, size_t n, struct tl_tcp_pkt *pkt)
{
	size_t at, tcp_at, ip_payload;
	int ver;
	enum decoded r = link_layer(dlt, d, &n, &at, &ver);
	if (r != PKT_TCP)
		return r;
	d += at;
	n -= at;
	if (ver == 4)
		r = ipv4(d, n, pkt, &tcp_at, &ip_payload);
	else if (ver == 6)
		r = ipv6(d, n, pkt, &tcp_at, &ip_payload);
	else
		return PKT_MALFORMED;
	if (r != PKT_TCP)
		return r;
	if (n < tcp_at + 20)
		return PKT_MALFORMED;
	const uint8_t *t = d + tcp_at;
	size_t doff = (size_t)(t[12] >> 4) * 4;
	if (doff < 20 || doff > ip_payload)
		return PKT_MALFORMED;
	pkt->sport = be16(t);
	pkt->dport = be16(t + 2);
	pkt->seq = be32(t + 4);
	pkt->ack = be32(t + 8);
	pkt->flags = t[13];
	pkt->len = (uint32_t)(ip_payload - doff);
	return PKT_TCP;
}

/* The segment as every other source gives it. */
static void fill_segment(const struct tl_tcp_pkt *pkt, int64_t t_us, struct tl_segment *seg)
{
	memset(seg, 0, sizeof *seg);
	seg->kind = TL_KIND_SEGMENT;
	seg->t_us = t_us;
	seg->t_res_us = 1;
	inet_ntop(pkt->family, pkt->src, seg->src, sizeof seg->src);
	inet_ntop(pkt->family, pkt->dst, seg->dst, sizeof seg->dst);
	seg->sport = pkt->sport;
	seg->dport = pkt->dport;
	seg->flags = pkt->flags;
	seg->has_flags = seg->has_seq = seg->has_len = 1;
	seg->has_ack = (pkt->flags & TL_ACK) != 0;
	seg->seq = pkt->seq;
	seg->ack = pkt->ack;
	seg->len = pkt->len;
	seg->ipid = pkt->ipid;
	seg->has_ipid = pkt->has_ipid;
	seg->verdict = TL_VERDICT_UNKNOWN;
	seg->from_capture = 1;
}

/* Packets until a TCP one; malformed ones (and absurd time stamps, which
 * would overflow) are counted and skipped. */
int tl_pcap_next(struct tl_pcap *p, struct tl_segment *seg)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int r;
	while ((r = pcap_next_ex(p->pcap, &h, &data)) == 1) {
		struct tl_tcp_pkt pkt;
		p->packets++;
		memset(&pkt, 0, sizeof pkt);
		enum decoded d = decode(p->linktype, data, h->caplen, &pkt);
		if (d == PKT_OTHER)
			continue;
		int64_t sec = (int64_t)h->ts.tv_sec, usec = (int64_t)h->ts.tv_usec;
		if (d == PKT_MALFORMED || sec < 0 || sec > SEC_MAX || usec < 0 || usec > 999999) {
			p->malformed++;
			continue;
		}
		int64_t t_us = sec * 1000000 + usec;
		fill_segment(&pkt, t_us, seg);
		tl_flows_note(p->flows, &pkt, t_us, seg);
		return 1;
	}
	if (r == PCAP_ERROR_BREAK)
		return 0;
	snprintf(p->error, sizeof p->error, "%s", pcap_geterr(p->pcap));
	return -1;
}

/* Counters for the summary the program prints. */
uint64_t tl_pcap_packets(const struct tl_pcap *p)
{
	return p->packets;
}

/* Packets cut short or inconsistent (not: other protocols). */
uint64_t tl_pcap_malformed(const struct tl_pcap *p)
{
	return p->malformed;
}

/* Flows the bounded table had to forget. */
uint64_t tl_pcap_flows_evicted(const struct tl_pcap *p)
{
	return tl_flows_evicted(p->flows);
}

/* libpcap's words for a read error (a cut last record, typically). */
const char *tl_pcap_error(const struct tl_pcap *p)
{
	return p->error;
}

/* NULL is fine; used on half-opened handles too. */
void tl_pcap_close(struct tl_pcap *p)
{
	if (!p)
		return;
	if (p->pcap)
		pcap_close(p->pcap);
	tl_flows_free(p->flows);
	free(p);
}

/* By magic, so that a capture is recognised whatever its name. */
int tl_pcap_sniff(const unsigned char *head, size_t n)
{
	static const uint32_t magic[] = {
		0xa1b2c3d4, 0xd4c3b2a1,	/* pcap, µs, either byte order */
		0xa1b23c4d, 0x4d3cb2a1,	/* pcap, ns */
		0x0a0d0d0a,		/* pcapng section header block */
	};
	if (n < 4)
		return 0;
	uint32_t m = be32(head);
	for (size_t i = 0; i < sizeof magic / sizeof magic[0]; i++)
		if (m == magic[i])
			return 1;
	return 0;
}

/* pcap_build.c -- see pcap_build.h. */
#include "config.h"
#include <arpa/inet.h>
#include <stdarg.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "pcap_build.h"

/* Network-order stores. */
static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

size_t build_ip_tcp(uint8_t *buf, size_t size, const struct tcp_spec *s)
{
	size_t ip_len = s->family == AF_INET ? 20 : 40 + (s->v6_hop_by_hop ? 8 : 0);
	size_t total = ip_len + 20 + s->len;
	assert_true(total <= size);
	memset(buf, 0, total);
	if (s->family == AF_INET) {
		buf[0] = 0x45;
		put16(buf + 2, (uint16_t)total);
		put16(buf + 4, s->ipid);
		buf[8] = 64;
		buf[9] = 6;
		assert_int_equal(inet_pton(AF_INET, s->src, buf + 12), 1);
		assert_int_equal(inet_pton(AF_INET, s->dst, buf + 16), 1);
	} else {
		buf[0] = 0x60;
		put16(buf + 4, (uint16_t)(total - 40));
		buf[6] = s->v6_hop_by_hop ? 0 : 6;
		buf[7] = 64;
		assert_int_equal(inet_pton(AF_INET6, s->src, buf + 8), 1);
		assert_int_equal(inet_pton(AF_INET6, s->dst, buf + 24), 1);
		if (s->v6_hop_by_hop)
			buf[40] = 6;	/* next: TCP; length 0 = 8 bytes */
	}
	uint8_t *t = buf + ip_len;
	put16(t, s->sport);
	put16(t + 2, s->dport);
	put32(t + 4, s->seq);
	put32(t + 8, s->ack);
	t[12] = 5 << 4;
	t[13] = s->flags;
	put16(t + 14, 65535);
	return total;
}

size_t build_frame(int linktype, unsigned vlan_tags, const uint8_t *ip, size_t iplen,
		   uint8_t *out, size_t size)
{
	size_t hdr = 0;
	uint16_t ethertype = (ip[0] >> 4) == 4 ? 0x0800 : 0x86DD;
	uint8_t tmp[64];
	memset(tmp, 0, sizeof tmp);
	switch (linktype) {
	case DLT_EN10MB:
		memcpy(tmp, "\x02\0\0\0\0\x01\x02\0\0\0\0\x02", 12);
		hdr = 12;
		for (unsigned i = 0; i < vlan_tags; i++, hdr += 4) {
			put16(tmp + hdr, 0x8100);
			put16(tmp + hdr + 2, (uint16_t)(100 + i));
		}
		put16(tmp + hdr, ethertype);
		hdr += 2;
		break;
	case DLT_LINUX_SLL:
		put16(tmp, 0);		/* packet type: to us */
		put16(tmp + 2, 1);	/* ARPHRD_ETHER */
		put16(tmp + 4, 6);
		put16(tmp + 14, ethertype);
		hdr = 16;
		break;
	case DLT_LINUX_SLL2:
		put16(tmp, ethertype);
		put16(tmp + 8, 1);
		hdr = 20;
		break;
	case DLT_NULL: {
		uint32_t af = (ip[0] >> 4) == 4 ? 2 : 24;	/* host order, BSD values */
		memcpy(tmp, &af, 4);
		hdr = 4;
		break;
	}
	case DLT_LOOP:
		put32(tmp, (ip[0] >> 4) == 4 ? 2 : 28);
		hdr = 4;
		break;
	case DLT_PFLOG:
		tmp[0] = 61;		/* PFLOG_HDRLEN; padded to 64 */
		tmp[1] = (ip[0] >> 4) == 4 ? 2 : 24;
		hdr = 64;
		break;
	case DLT_NFLOG: {
		uint16_t l = 8, type = 1;	/* NFULA_PACKET_HDR */
		tmp[0] = (ip[0] >> 4) == 4 ? 2 : 10;
		memcpy(tmp + 4, &l, 2);
		memcpy(tmp + 6, &type, 2);
		l = (uint16_t)(4 + iplen);
		type = 9;			/* NFULA_PAYLOAD */
		memcpy(tmp + 12, &l, 2);
		memcpy(tmp + 14, &type, 2);
		hdr = 16;
		break;
	}
	default:		/* raw IP */
		break;
	}
	assert_true(hdr + iplen <= size);
	memcpy(out, tmp, hdr);
	memcpy(out + hdr, ip, iplen);
	return hdr + iplen;
}

void cap_temp_path(char *path, size_t size)
{
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	snprintf(path, size, "%s/test_pcap.XXXXXX", dir);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
}

void cap_open(struct cap *c, int linktype, int nano)
{
	memset(c, 0, sizeof *c);
	c->linktype = linktype;
	cap_temp_path(c->path, sizeof c->path);
	c->dead = pcap_open_dead_with_tstamp_precision(linktype, 262144,
		nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO);
	assert_non_null(c->dead);
	c->dumper = pcap_dump_open(c->dead, c->path);
	assert_non_null(c->dumper);
}

void cap_raw(struct cap *c, int64_t t_us, const uint8_t *frame, size_t len, size_t caplen)
{
	struct pcap_pkthdr h;
	memset(&h, 0, sizeof h);
	h.ts.tv_sec = (time_t)(t_us / 1000000);
	h.ts.tv_usec = (suseconds_t)(t_us % 1000000);
	if (pcap_get_tstamp_precision(c->dead) == PCAP_TSTAMP_PRECISION_NANO)
		h.ts.tv_usec *= 1000;	/* the writer takes ns in that field then */
	h.len = (bpf_u_int32)len;
	h.caplen = (bpf_u_int32)caplen;
	pcap_dump((u_char *)c->dumper, &h, frame);
}

void cap_tcp(struct cap *c, int64_t t_us, const struct tcp_spec *s)
{
	uint8_t ip[2000], frame[2100];
	size_t iplen = build_ip_tcp(ip, sizeof ip, s);
	size_t n = build_frame(c->linktype, c->vlan_tags, ip, iplen, frame, sizeof frame);
	cap_raw(c, t_us, frame, n, n);
}

void cap_close(struct cap *c)
{
	pcap_dump_close(c->dumper);
	pcap_close(c->dead);
}

size_t read_all(const char *path, struct tl_segment *segs, size_t max, uint64_t *packets,
		uint64_t *malformed)
{
	char err[256];
	struct tl_pcap *p = tl_pcap_open(path, err, sizeof err);
	if (!p)
		fail_msg("%s", err);
	size_t n = 0;
	int r = 0;
	while (n < max && (r = tl_pcap_next(p, &segs[n])) == 1)
		n++;
	assert_true(n < max);
	assert_int_equal(r, 0);
	*packets = tl_pcap_packets(p);
	*malformed = tl_pcap_malformed(p);
	tl_pcap_close(p);
	return n;
}

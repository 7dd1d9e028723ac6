/* test_pcap.c -- reading captures: every link type, IPv4/IPv6, VLAN tags,
 * pcap (µs and ns) and pcapng, and hostile packets and files. */
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

#define T0 1795721419000000LL	/* 2026-11-26 19:30:19 UTC */
#define MAXSEG 64

static struct tl_segment segs[MAXSEG];

static const struct tcp_spec v4 = {
	AF_INET, "192.0.2.10", "198.51.100.7", 40000, 80, 0x01020304, 0xa0b0c0d0,
	TL_ACK | TL_PSH, 100, 4242, 0
};
static const struct tcp_spec v6 = {
	AF_INET6, "2001:db8::10", "2001:0db8:0000::7", 40000, 443, 7, 9, TL_ACK | TL_FIN, 0, 0, 1
};

/* The segment carries exactly the packet's fields. */
static void expect_fields(const struct tl_segment *s, const struct tcp_spec *spec, int64_t t_us)
{
	assert_int_equal(s->kind, TL_KIND_SEGMENT);
	assert_true(s->t_us == t_us);
	assert_int_equal(s->t_res_us, 1);
	assert_int_equal(s->from_capture, 1);
	assert_string_equal(s->src, spec->family == AF_INET6 ? "2001:db8::10" : spec->src);
	assert_string_equal(s->dst, spec->family == AF_INET6 ? "2001:db8::7" : spec->dst);
	assert_int_equal(s->sport, spec->sport);
	assert_int_equal(s->dport, spec->dport);
	assert_int_equal(s->flags, spec->flags);
	assert_true(s->has_flags && s->has_seq && s->has_len);
	assert_int_equal(s->has_ack, (spec->flags & TL_ACK) != 0);
	assert_int_equal(s->seq, spec->seq);
	assert_int_equal(s->ack, spec->ack);
	assert_int_equal(s->len, spec->len);
	assert_int_equal(s->has_ipid, spec->family == AF_INET);
	if (spec->family == AF_INET)
		assert_int_equal(s->ipid, spec->ipid);
	assert_int_equal(s->seq_relative, 0);
	assert_int_equal(s->verdict, TL_VERDICT_UNKNOWN);
}

/* One IPv4 and one IPv6 segment through each link type. */
static void link_types(void **state)
{
	(void)state;
	static const int types[] = { DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW,
				     DLT_IPV4, DLT_NULL, DLT_LOOP, DLT_PFLOG, DLT_NFLOG };
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		struct cap c;
		uint64_t packets, malformed;
		cap_open(&c, types[i], 0);
		cap_tcp(&c, T0 + 1, &v4);
		if (types[i] != DLT_IPV4)
			cap_tcp(&c, T0 + 2, &v6);
		cap_close(&c);
		size_t n = read_all(c.path, segs, MAXSEG, &packets, &malformed);
		if (n != (types[i] == DLT_IPV4 ? 1u : 2u))
			fail_msg("link type %d: %zu segments", types[i], n);
		expect_fields(&segs[0], &v4, T0 + 1);
		if (n == 2)
			expect_fields(&segs[1], &v6, T0 + 2);
		assert_true(malformed == 0 && packets == n);
		unlink(c.path);
	}
}

/* ulogd2's PCAP output writes LINKTYPE_RAW (101) with its own header
 * code and a non-zero thiszone; written here byte for byte like it. */
static void ulogd_style_file(void **state)
{
	(void)state;
	char path[128];
	uint8_t ip[200];
	struct { uint32_t magic; uint16_t major, minor; int32_t zone; uint32_t sigfigs, snaplen, linktype; }
		fh = { 0xa1b2c3d4, 2, 4, -3600, 0, 65536, 101 };
	struct { int32_t sec, usec; uint32_t caplen, len; } ph = { (int32_t)(T0 / 1000000), 5, 0, 0 };
	size_t n = build_ip_tcp(ip, sizeof ip, &v4);
	ph.caplen = ph.len = (uint32_t)n;
	cap_temp_path(path, sizeof path);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(&fh, sizeof fh, 1, f), 1);
	assert_int_equal(fwrite(&ph, sizeof ph, 1, f), 1);
	assert_int_equal(fwrite(ip, n, 1, f), 1);
	fclose(f);
	uint64_t packets, malformed;
	assert_int_equal(read_all(path, segs, MAXSEG, &packets, &malformed), 1);
	expect_fields(&segs[0], &v4, T0 + 5);	/* thiszone is not applied */
	unlink(path);
}

/* 802.1Q (one and two tags), IPv6 extension header, ns time stamps. */
static void vlan_ext_nano(void **state)
{
	(void)state;
	struct cap c;
	uint64_t packets, malformed;
	cap_open(&c, DLT_EN10MB, 1);
	c.vlan_tags = 1;
	cap_tcp(&c, T0 + 999999, &v4);
	c.vlan_tags = 2;
	cap_tcp(&c, T0 + 1000000, &v6);
	cap_close(&c);
	assert_int_equal(read_all(c.path, segs, MAXSEG, &packets, &malformed), 2);
	expect_fields(&segs[0], &v4, T0 + 999999);
	expect_fields(&segs[1], &v6, T0 + 1000000);
	unlink(c.path);
}

/* Little-endian pcapng: a section header, an interface (Ethernet, with
 * if_tsresol when tsresol is not 0) and enhanced packet blocks. */
static void write_pcapng(const char *path, uint8_t tsresol, const uint64_t *ts, size_t count)
{
	uint8_t ip[200], frame[300], blk[400];
	size_t n = build_frame(DLT_EN10MB, 0, ip, build_ip_tcp(ip, sizeof ip, &v4), frame, sizeof frame);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	/* major 1, minor 0 (little-endian), section length -1 */
	uint32_t shb[7] = { 0x0a0d0d0a, 28, 0x1a2b3c4d, 0x00000001, 0xffffffff, 0xffffffff, 28 };
	fwrite(shb, sizeof shb, 1, f);
	uint32_t idb[8] = { 1, 20, 1 | (0u << 16), 262144, 0, 20, 0, 0 };
	if (tsresol) {
		idb[1] = idb[7] = 32;
		idb[4] = 9 | (1u << 16);	/* if_tsresol, length 1 */
		idb[5] = tsresol;
		idb[6] = 0;			/* opt_endofopt */
		fwrite(idb, 32, 1, f);
	} else {
		idb[4] = 20;
		fwrite(idb, 20, 1, f);
	}
	for (size_t i = 0; i < count; i++) {
		uint32_t len = (uint32_t)(32 + ((n + 3) & ~(size_t)3));
		uint32_t h[7] = { 6, len, 0, (uint32_t)(ts[i] >> 32), (uint32_t)ts[i], (uint32_t)n, (uint32_t)n };
		memset(blk, 0, sizeof blk);
		memcpy(blk, h, sizeof h);
		memcpy(blk + 28, frame, n);
		memcpy(blk + len - 4, &len, 4);
		fwrite(blk, len, 1, f);
	}
	fclose(f);
}

static void pcapng_files(void **state)
{
	(void)state;
	char path[128];
	uint64_t packets, malformed;
	/* µs (the default), then a stamp whose µs would overflow: malformed */
	uint64_t us[] = { (uint64_t)T0 + 3, UINT64_MAX - 5 };
	cap_temp_path(path, sizeof path);
	write_pcapng(path, 0, us, 2);
	assert_int_equal(read_all(path, segs, MAXSEG, &packets, &malformed), 1);
	expect_fields(&segs[0], &v4, T0 + 3);
	assert_int_equal(packets, 2);
	assert_int_equal(malformed, 1);
	/* ns resolution (if_tsresol 9): truncated to µs */
	uint64_t ns[] = { (uint64_t)T0 * 1000 + 4567 };
	write_pcapng(path, 9, ns, 1);
	assert_int_equal(read_all(path, segs, MAXSEG, &packets, &malformed), 1);
	expect_fields(&segs[0], &v4, T0 + 4);
	unlink(path);
}

/* Cut and inconsistent packets are counted, non-TCP ones skipped; the good
 * packet after them still comes out. */
static void hostile_packets(void **state)
{
	(void)state;
	struct cap c;
	uint8_t ip[200], fr[300], bad[300];
	uint64_t packets, malformed;
	size_t iplen = build_ip_tcp(ip, sizeof ip, &v4);
	size_t n = build_frame(DLT_EN10MB, 0, ip, iplen, fr, sizeof fr);
	cap_open(&c, DLT_EN10MB, 0);
	/* malformed: cut in Ethernet, in IPv4, in TCP's first 20 bytes */
	cap_raw(&c, T0, fr, n, 10);
	cap_raw(&c, T0, fr, n, 14 + 19);
	cap_raw(&c, T0, fr, n, 14 + 20 + 19);
	/* IHL 4, total length below IHL, data offset 3, doff beyond the packet */
	static const struct { size_t at; uint8_t v; } pokes[] = {
		{ 14, 0x44 },		/* IHL 16 bytes */
		{ 17, 10 },		/* total length 10 < IHL */
		{ 17, 39 },		/* total length leaves 19 bytes for TCP */
		{ 14 + 20 + 12, 3 << 4 },	/* data offset 12 bytes */
		{ 14, 0x4f },		/* IHL 60: "TCP" at zeros, data offset 0 */
	};
	for (size_t i = 0; i < sizeof pokes / sizeof pokes[0]; i++) {
		memcpy(bad, fr, n);
		bad[pokes[i].at] = pokes[i].v;
		cap_raw(&c, T0, bad, n, n);
	}
	/* IPv6 cut, VLAN tag cut, a bad IP version in raw-ish Ethernet */
	uint8_t ip6[200], fr6[300];
	size_t n6 = build_frame(DLT_EN10MB, 0, ip6, build_ip_tcp(ip6, sizeof ip6, &v6), fr6, sizeof fr6);
	cap_raw(&c, T0, fr6, n6, 14 + 30);
	cap_raw(&c, T0, fr6, n6, 14 + 40 + 4);	/* inside the hop-by-hop header */
	memcpy(bad, fr, n);
	bad[12] = 0x81;
	bad[13] = 0x00;
	cap_raw(&c, T0, bad, 16, 16);
	memcpy(bad, fr, n);
	bad[14] = 0x55;
	cap_raw(&c, T0, bad, n, n);
	/* not TCP, not malformed: UDP, a later fragment, ARP, IPv6 UDP, an IPv6
	   later fragment */
	memcpy(bad, fr, n);
	bad[14 + 9] = 17;
	cap_raw(&c, T0, bad, n, n);
	memcpy(bad, fr, n);
	bad[14 + 7] = 0x10;
	cap_raw(&c, T0, bad, n, n);
	memcpy(bad, fr, n);
	bad[12] = 0x08;
	bad[13] = 0x06;
	cap_raw(&c, T0, bad, n, n);
	memcpy(bad, fr6, n6);
	bad[14 + 40] = 17;
	cap_raw(&c, T0, bad, n6, n6);
	memcpy(bad, fr6, n6);		/* the extension made a fragment header: offset 8 */
	bad[14 + 6] = 44;
	bad[14 + 43] = 8;
	cap_raw(&c, T0, bad, n6, n6);
	/* good ones: cut after TCP's 20 bytes (payload not captured), and an
	   IPv6 first fragment (offset 0, more fragments) */
	cap_raw(&c, T0 + 7, fr, n, 14 + 20 + 20);
	bad[14 + 43] = 1;
	cap_raw(&c, T0 + 8, bad, n6, n6);
	cap_close(&c);
	assert_int_equal(read_all(c.path, segs, MAXSEG, &packets, &malformed), 2);
	expect_fields(&segs[0], &v4, T0 + 7);
	expect_fields(&segs[1], &v6, T0 + 8);
	assert_int_equal(packets, 3 + 5 + 4 + 5 + 2);
	assert_int_equal(malformed, 3 + 5 + 4);
	unlink(c.path);
}

/* Files that are no capture, an unsupported link type, a cut last record. */
static void hostile_files(void **state)
{
	(void)state;
	char path[128], err[256];
	cap_temp_path(path, sizeof path);
	FILE *f = fopen(path, "w");
	fputs("26-Nov-2026 20:30:19 [---] not a capture\n", f);
	fclose(f);
	assert_null(tl_pcap_open(path, err, sizeof err));
	assert_non_null(strstr(err, path));
	assert_null(tl_pcap_open("/nonexistent/x.pcap", err, sizeof err));
	struct cap c;
	cap_open(&c, DLT_IEEE802_11, 0);
	cap_close(&c);
	assert_null(tl_pcap_open(c.path, err, sizeof err));
	assert_non_null(strstr(err, "not supported"));
	unlink(c.path);
	/* a record cut in the middle: the segments before it, then -1 */
	cap_open(&c, DLT_RAW, 0);
	cap_tcp(&c, T0, &v4);
	cap_tcp(&c, T0 + 1, &v4);
	cap_close(&c);
	assert_int_equal(truncate(c.path, 24 + 16 + 140 + 16 + 50), 0);
	struct tl_pcap *p = tl_pcap_open(c.path, err, sizeof err);
	assert_non_null(p);
	assert_int_equal(tl_pcap_next(p, &segs[0]), 1);
	assert_int_equal(tl_pcap_next(p, &segs[1]), -1);
	assert_true(strlen(tl_pcap_error(p)) > 0);
	tl_pcap_close(p);
	unlink(c.path);
	unlink(path);
	tl_pcap_close(NULL);
}

static void sniffing(void **state)
{
	(void)state;
	static const unsigned char le[] = { 0xd4, 0xc3, 0xb2, 0xa1 }, be[] = { 0xa1, 0xb2, 0xc3, 0xd4 },
		ns[] = { 0x4d, 0x3c, 0xb2, 0xa1 }, ng[] = { 0x0a, 0x0d, 0x0d, 0x0a }, txt[] = "Nov 26";
	assert_true(tl_pcap_sniff(le, 4) && tl_pcap_sniff(be, 4) && tl_pcap_sniff(ns, 4) &&
		    tl_pcap_sniff(ng, 4));
	assert_false(tl_pcap_sniff(txt, 6));
	assert_false(tl_pcap_sniff(le, 3));
	assert_false(tl_pcap_sniff(le, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(link_types),
		cmocka_unit_test(ulogd_style_file),
		cmocka_unit_test(vlan_ext_nano),
		cmocka_unit_test(pcapng_files),
		cmocka_unit_test(hostile_packets),
		cmocka_unit_test(hostile_files),
		cmocka_unit_test(sniffing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

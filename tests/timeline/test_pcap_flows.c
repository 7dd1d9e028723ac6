/* test_pcap_flows.c -- the annotations of captured segments: server
 * segments after the client's FIN or RST, retransmissions (with sequence
 * wraparound), who the client is without a SYN, port reuse, and the
 * bounded flow table's eviction. */
#include "config.h"
#include <arpa/inet.h>
#include <stdarg.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "pcap_build.h"
#include "tl_pcap_flows.h"

#define T0 1795721419000000LL
#define MAXSEG 64
#define A TL_ACK
#define P (TL_PSH | TL_ACK)
#define F (TL_FIN | TL_ACK)

static struct tl_segment segs[MAXSEG];
static uint16_t client_port = 40000, server_port = 80;

/* A flow as a list of (from client?, flags, seq, len). */
struct step {
	int from_client;
	uint8_t flags;
	uint32_t seq;
	uint16_t len;
};

/* Write the steps as one flow of family/linktype (1 ms apart), read back. */
static size_t run_flow(int family, int linktype, const struct step *steps, size_t n)
{
	struct cap c;
	uint64_t packets, malformed;
	cap_open(&c, linktype, 0);
	for (size_t i = 0; i < n; i++) {
		struct tcp_spec s = { family, "192.0.2.10", "198.51.100.7", client_port, server_port,
				      steps[i].seq, 1, steps[i].flags, steps[i].len, (uint16_t)i, 0 };
		if (family == AF_INET6) {
			s.src = "2001:db8::10";
			s.dst = "2001:db8::7";
		}
		if (!steps[i].from_client) {
			const char *a = s.src;
			s.src = s.dst;
			s.dst = a;
			s.sport = server_port;
			s.dport = client_port;
		}
		cap_tcp(&c, T0 + (int64_t)i * 1000, &s);
	}
	cap_close(&c);
	size_t got = read_all(c.path, segs, MAXSEG, &packets, &malformed);
	unlink(c.path);
	assert_int_equal(got, n);
	return got;
}

/* Segment i's annotations. */
static void expect_note(size_t i, int late, int retransmit, uint8_t close_flags, int64_t close_us)
{
	if (segs[i].cap_after_client_close != late || segs[i].cap_retransmit != retransmit)
		fail_msg("segment %zu: late %d retransmit %d, want %d %d", i,
			 segs[i].cap_after_client_close, segs[i].cap_retransmit, late, retransmit);
	assert_int_equal(segs[i].cap_client_close_flags, late ? close_flags : 0);
	assert_true(segs[i].cap_client_close_us == (late ? close_us : 0));
}

/* The forum's case: the client closes, the server's data and FIN come
 * after (and a FIN again). */
static void client_fin_then_server(void **state)
{
	(void)state;
	static const struct step s[] = {
		{ 1, TL_SYN, 1000, 0 }, { 0, TL_SYN | TL_ACK, 5000, 0 }, { 1, A, 1001, 0 },
		{ 1, P, 1001, 100 }, { 0, P, 5001, 200 }, { 1, F, 1101, 0 },
		{ 0, P, 5201, 100 }, { 0, F, 5301, 0 }, { 0, F, 5301, 0 }, { 0, A, 5302, 0 },
	};
	run_flow(AF_INET, DLT_EN10MB, s, sizeof s / sizeof s[0]);
	for (size_t i = 0; i < 5; i++)
		expect_note(i, 0, 0, 0, 0);
	expect_note(5, 0, 0, 0, 0);	/* the client's own FIN */
	expect_note(6, 1, 0, TL_FIN, T0 + 5000);
	expect_note(7, 1, 0, TL_FIN, T0 + 5000);
	expect_note(8, 1, 1, TL_FIN, T0 + 5000);	/* the FIN again */
	expect_note(9, 1, 0, TL_FIN, T0 + 5000);	/* a pure ACK is no retransmission */
}

/* RST from the client, data from the server after it; IPv6 via SLL. */
static void client_rst_then_server(void **state)
{
	(void)state;
	static const struct step s[] = {
		{ 1, TL_SYN, 1000, 0 }, { 0, TL_SYN | TL_ACK, 5000, 0 }, { 1, A, 1001, 0 },
		{ 1, TL_RST | TL_ACK, 1001, 0 }, { 0, P, 5001, 50 }, { 1, F, 1001, 0 }, { 0, P, 5051, 50 },
	};
	run_flow(AF_INET6, DLT_LINUX_SLL, s, sizeof s / sizeof s[0]);
	assert_string_equal(segs[4].src, "2001:db8::7");
	expect_note(3, 0, 0, 0, 0);
	expect_note(4, 1, 0, TL_RST, T0 + 3000);
	expect_note(6, 1, 0, TL_RST, T0 + 3000);	/* the first close counts */
}

/* Data sent again: whole, partly new, inside old; the client's own
 * repeats are not annotated. */
static void retransmissions(void **state)
{
	(void)state;
	static const struct step s[] = {
		{ 0, P, 5001, 100 }, { 0, P, 5001, 100 }, { 0, P, 5051, 100 }, { 0, P, 5001, 50 },
		{ 1, P, 1, 10 }, { 1, P, 1, 10 },
	};
	run_flow(AF_INET, DLT_RAW, s, sizeof s / sizeof s[0]);
	static const int want[] = { 0, 1, 0, 1, 0, 0 };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		expect_note(i, 0, want[i], 0, 0);
}

/* Across 2^32: new data after the wrap is new, old data before it is old. */
static void retransmissions_wrap(void **state)
{
	(void)state;
	static const struct step s[] = {
		{ 0, P, 0xffffff00u, 0x80 }, { 0, P, 0xffffff80u, 0x100 }, { 0, P, 0x40, 0x40 },
		{ 0, P, 0x80, 0x10 }, { 0, P, 0xffffff80u, 0x10 },
	};
	run_flow(AF_INET, DLT_RAW, s, sizeof s / sizeof s[0]);
	static const int want[] = { 0, 0, 1, 0, 1 };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		expect_note(i, 0, want[i], 0, 0);
}

/* No SYN in the capture (ulogd's drops only): the higher port is the
 * client; a SYN-ACK says otherwise when it is there. */
static void client_without_syn(void **state)
{
	(void)state;
	static const struct step s[] = {
		{ 0, P, 5001, 10 }, { 1, F, 1001, 0 }, { 0, P, 5011, 10 },
	};
	run_flow(AF_INET, DLT_RAW, s, sizeof s / sizeof s[0]);
	expect_note(2, 1, 0, TL_FIN, T0 + 1000);
	/* the server (port 80) closing first marks nothing */
	static const struct step t[] = { { 0, F, 5001, 0 }, { 0, P, 5002, 10 } };
	run_flow(AF_INET, DLT_RAW, t, 2);
	expect_note(1, 0, 0, 0, 0);
	/* a server on the higher port: the SYN-ACK tells */
	client_port = 40000;
	server_port = 50000;
	static const struct step u[] = {
		{ 0, TL_SYN | TL_ACK, 100, 0 }, { 1, F, 1001, 0 }, { 0, P, 101, 10 },
	};
	run_flow(AF_INET, DLT_RAW, u, 3);
	expect_note(2, 1, 0, TL_FIN, T0 + 1000);
	server_port = 80;
}

/* A new SYN on the same ports is a new connection: the old close is gone;
 * a retransmitted SYN is not. */
static void port_reuse(void **state)
{
	(void)state;
	static const struct step s[] = {
		{ 1, TL_SYN, 1000, 0 }, { 1, F, 1001, 0 }, { 0, P, 5001, 10 },
		{ 1, TL_SYN, 9000, 0 }, { 0, TL_SYN | TL_ACK, 100, 0 }, { 0, P, 101, 10 },
		{ 1, F, 9001, 0 }, { 1, TL_SYN, 9000, 0 }, { 0, P, 111, 10 },
	};
	run_flow(AF_INET, DLT_EN10MB, s, sizeof s / sizeof s[0]);
	expect_note(2, 1, 0, TL_FIN, T0 + 1000);
	expect_note(5, 0, 0, 0, 0);
	expect_note(8, 1, 0, TL_FIN, T0 + 6000);
}

/* The table keeps at most its limit; the flow seen longest ago goes (not
 * the first made), and comes back without its memory. */
static void eviction(void **state)
{
	(void)state;
	struct tl_flows *f = tl_flows_new(3);
	assert_non_null(f);
	struct tl_tcp_pkt pk[4];
	struct tl_segment seg;
	for (int i = 0; i < 4; i++) {
		memset(&pk[i], 0, sizeof pk[i]);
		pk[i].family = AF_INET;
		memcpy(pk[i].src, "\xc0\x00\x02\x0a", 4);
		memcpy(pk[i].dst, "\xc6\x33\x64\x07", 4);
		pk[i].sport = (uint16_t)(40000 + i);
		pk[i].dport = 80;
		pk[i].flags = F;	/* the client closes */
	}
	for (int i = 0; i < 3; i++)
		assert_int_equal(tl_flows_note(f, &pk[i], T0, &seg), 0);
	memset(&seg, 0, sizeof seg);
	assert_int_equal(tl_flows_note(f, &pk[0], T0, &seg), 0);	/* 0 is now recent */
	assert_int_equal(tl_flows_note(f, &pk[3], T0, &seg), 0);	/* evicts 1 */
	assert_int_equal(tl_flows_count(f), 3);
	assert_int_equal(tl_flows_evicted(f), 1);
	/* server data on flows 0 and 1: 0 remembers the close, 1 does not */
	for (int i = 0; i < 2; i++) {
		struct tl_tcp_pkt srv = pk[i];
		memcpy(srv.src, pk[i].dst, 4);
		memcpy(srv.dst, pk[i].src, 4);
		srv.sport = 80;
		srv.dport = pk[i].sport;
		srv.flags = P;
		srv.len = 10;
		memset(&seg, 0, sizeof seg);
		assert_int_equal(tl_flows_note(f, &srv, T0 + 1, &seg), 0);
		assert_int_equal(seg.cap_after_client_close, i == 0);
	}
	assert_int_equal(tl_flows_evicted(f), 2);
	tl_flows_free(f);
	tl_flows_free(NULL);
}

/* Many flows through the real limit (65536): memory stays bounded and the
 * evictions are counted through tl_pcap. */
static void many_flows(void **state)
{
	(void)state;
	struct cap c;
	char err[256];
	cap_open(&c, DLT_RAW, 0);
	for (unsigned i = 0; i < 70000; i++) {
		char src[32];
		snprintf(src, sizeof src, "10.%u.%u.%u", (i >> 16) & 255, (i >> 8) & 255, i & 255);
		struct tcp_spec s = { AF_INET, src, "198.51.100.7", 40000, 80, i, 0, TL_SYN, 0, 0, 0 };
		cap_tcp(&c, T0 + i, &s);
	}
	cap_close(&c);
	struct tl_pcap *p = tl_pcap_open(c.path, err, sizeof err);
	assert_non_null(p);
	struct tl_segment seg;
	unsigned n = 0;
	while (tl_pcap_next(p, &seg) == 1)
		n++;
	assert_int_equal(n, 70000);
	assert_int_equal(tl_pcap_flows_evicted(p), 70000 - 65536);
	tl_pcap_close(p);
	unlink(c.path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(client_fin_then_server),
		cmocka_unit_test(client_rst_then_server),
		cmocka_unit_test(retransmissions),
		cmocka_unit_test(retransmissions_wrap),
		cmocka_unit_test(client_without_syn),
		cmocka_unit_test(port_reuse),
		cmocka_unit_test(eviction),
		cmocka_unit_test(many_flows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

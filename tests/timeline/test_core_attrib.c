/* Unit tests of the join and the explanations: connections and exchanges
 * made from trace records as the shim writes them, segments as a firewall
 * logs them; every rule of tl_explain.c and every "not attributed" reason. */
#include "config.h"
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "tl_attrib.h"
#include "tl_clock.h"
#include "tl_model.h"

#define T0 1795725000000000LL	/* a base time, µs */
#define SEC 1000000LL

static struct tl_model m;

/* A record with its t= given as an offset from T0 in ms. */
static void rec(unsigned host, long ms, const char *fields)
{
	char line[1024];
	const char *err = NULL;
	int64_t t = T0 + ms * 1000;
	snprintf(line, sizeof line, "t=%lld.%06lld %s", (long long)(t / SEC), (long long)(t % SEC), fields);
	assert_int_equal(tl_model_record(&m, host, 1, line, strlen(line), &err), 0);
}

/* A connection from lport to 198.51.100.20:80, open at ms, closed at ms2. */
static void conn(unsigned host, unsigned id, unsigned lport, long ms, long ms2, const char *close_fields)
{
	char f[700];
	snprintf(f, sizeof f, "ev=established conn=%u local=192.168.1.%u:%u remote=198.51.100.20:80", id,
		 10 + host, lport);
	rec(host, ms, f);
	if (ms2 >= 0) {
		snprintf(f, sizeof f, "ev=close conn=%u local=192.168.1.%u:%u remote=198.51.100.20:80 %s", id,
			 10 + host, lport, close_fields);
		rec(host, ms2, f);
	}
}

static void xchg(unsigned host, unsigned id, const char *kind, long start_ms, long end_ms, const char *conns)
{
	char f[512];
	int64_t ts = T0 + start_ms * 1000;
	snprintf(f, sizeof f, "ev=exchange_end exchange=%u kind=%s project=\"Test Project\" method=GET "
		 "url=http://198.51.100.20/x http=1.1 status=200 t_start=%lld.%06lld outcome=completed conns=%s",
		 id, kind, (long long)(ts / SEC), (long long)(ts % SEC), conns);
	rec(host, end_ms, f);
}

static struct tl_segment seg(long ms, unsigned dport, uint8_t flags, uint32_t len)
{
	struct tl_segment s;
	memset(&s, 0, sizeof s);
	s.t_us = T0 + ms * 1000;
	s.t_res_us = 1;
	strcpy(s.src, "198.51.100.20");
	strcpy(s.dst, "203.0.113.1");
	s.sport = 80;
	s.dport = (uint16_t)dport;
	s.flags = flags;
	s.has_flags = 1;
	s.len = len;
	s.has_len = 1;
	return s;
}

static int setup(void **state)
{
	(void)state;
	tl_model_init(&m);
	unsigned a = tl_model_host(&m, "alice");
	unsigned b = tl_model_host(&m, "bob");
	/* port reuse on alice: 40000 twice */
	conn(a, 1, 40000, 0, 500, "close=FIN closed_first=client idle_recv_ms=10");
	xchg(a, 1, "scheduler_rpc", -5, 490, "1");
	conn(a, 2, 40000, 60000, 60500, "close=RST_UNREAD unread=1234 closed_first=client");
	xchg(a, 2, "download", 59990, 60400, "2");
	/* late FIN, FIN retransmission, late data, RST answer */
	conn(a, 3, 40003, 1000, 2000, "close=FIN closed_first=client idle_recv_ms=5");
	xchg(a, 3, "download", 990, 1990, "3");
	conn(a, 4, 40004, 1000, 2000, "close=FIN closed_first=client idle_recv_ms=5");
	xchg(a, 4, "upload", 990, 1990, "4");
	conn(a, 5, 40005, 1000, 2000, "close=FIN closed_first=client idle_recv_ms=900");
	xchg(a, 5, "scheduler_rpc", 990, 1990, "5");
	conn(a, 6, 40006, 1000, 2000, "close=FIN closed_first=client");
	xchg(a, 6, "master_page", 990, 1990, "6");
	/* idle keep-alive: two exchanges, the server closed it, client sat on it */
	conn(a, 7, 40007, 1000, 30000, "close=FIN closed_first=server state=CLOSE_WAIT idle_recv_ms=20000");
	xchg(a, 7, "scheduler_rpc", 990, 1500, "7");
	xchg(a, 8, "download", 8000, 10000, "7");
	/* HTTP/2: two exchanges in flight on one connection, still open */
	conn(a, 9, 40009, 1000, -1, NULL);
	xchg(a, 9, "download", 1000, 9000, "9");
	xchg(a, 10, "download", 1100, 9500, "9");
	/* two hosts behind one gateway, same port at once */
	conn(a, 11, 45000, 70000, 71000, "close=FIN closed_first=client");
	conn(b, 1, 45000, 70000, 71000, "close=FIN closed_first=client");
	tl_model_finish(&m);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tl_model_free(&m);
	return 0;
}

/* Attribute and explain one segment, as merge does (drops from just it and
 * the extra segments given). */
static void judge(struct tl_segment *s, struct tl_segment *more, unsigned nmore,
		  int64_t offset, struct tl_attribution *a)
{
	struct tl_conn_drops d;
	struct tl_attribution b;
	memset(&d, 0, sizeof d);
	tl_attribute(&m, s, offset, a);
	tl_drops_add(&d, s, a);
	for (unsigned i = 0; i < nmore; i++) {
		tl_attribute(&m, &more[i], offset, &b);
		if (b.attributed && b.conn == a->conn)
			tl_drops_add(&d, &more[i], &b);
	}
	if (a->attributed)
		tl_explain(&m, &d, s, a);
}

static const struct tl_conn *conn_of(const struct tl_attribution *a) { return &m.conns[a->conn]; }
static const struct tl_exchange *xch_of(const struct tl_attribution *a) { return &m.xchs[a->exchange]; }

static void test_port_reuse_picks_by_time(void **state)
{
	struct tl_attribution a;
	(void)state;
	struct tl_segment s = seg(800, 40000, TL_ACK | TL_FIN, 0);
	judge(&s, NULL, 0, 0, &a);
	assert_true(a.attributed);
	assert_int_equal(conn_of(&a)->id, 1);
	assert_int_equal(xch_of(&a)->id, 1);
	s = seg(60520, 40000, TL_ACK | TL_PSH, 1448);
	judge(&s, NULL, 0, 0, &a);
	assert_int_equal(conn_of(&a)->id, 2);
	assert_string_equal(xch_of(&a)->kind, "download");
	assert_string_equal(a.cause, TL_CAUSE_RST_UNREAD);
	assert_non_null(strstr(a.explanation, "1234 unread bytes"));
	assert_int_equal(a.after_close_us, 20000);
}

static void test_late_fin_vs_fin_retransmit(void **state)
{
	struct tl_attribution a;
	(void)state;
	/* first dropped FIN at +3.0 s, next at +3.2: the original came late */
	struct tl_segment late[2] = { seg(5000, 40003, TL_ACK | TL_FIN, 0), seg(5200, 40003, TL_ACK | TL_FIN, 0) };
	judge(&late[0], late + 1, 1, 0, &a);
	assert_int_equal(conn_of(&a)->id, 3);
	assert_string_equal(a.cause, TL_CAUSE_LATE_FIN);
	/* dropped FINs at +3.3 and +6.8: back-off says the FIN was sent at once */
	struct tl_segment rtx[2] = { seg(5300, 40004, TL_ACK | TL_FIN, 0), seg(8800, 40004, TL_ACK | TL_FIN, 0) };
	judge(&rtx[0], rtx + 1, 1, 0, &a);
	assert_int_equal(conn_of(&a)->id, 4);
	assert_string_equal(a.cause, TL_CAUSE_FIN_RETRANSMIT);
}

static void test_late_data_and_rst_answer(void **state)
{
	struct tl_attribution a;
	(void)state;
	struct tl_segment d[2] = { seg(3500, 40005, TL_ACK | TL_PSH, 160), seg(3510, 40005, TL_ACK | TL_FIN, 0) };
	judge(&d[1], d, 1, 0, &a);
	assert_string_equal(a.cause, TL_CAUSE_LATE_DATA);
	struct tl_segment r = seg(2100, 40006, TL_RST, 0);
	judge(&r, NULL, 0, 0, &a);
	assert_string_equal(a.cause, TL_CAUSE_RST_ANSWER);
	assert_string_equal(xch_of(&a)->kind, "master_page");
}

static void test_idle_keepalive(void **state)
{
	struct tl_attribution a;
	(void)state;
	struct tl_segment r = seg(30050, 40007, TL_RST, 0);
	judge(&r, NULL, 0, 0, &a);
	assert_string_equal(a.cause, TL_CAUSE_IDLE_CLOSED);
	/* the last exchange the connection carried, not the first */
	assert_int_equal(xch_of(&a)->id, 8);
	/* the server's FIN dropped while the client still held it, idle */
	struct tl_segment f = seg(25000, 40007, TL_ACK | TL_FIN, 0);
	judge(&f, NULL, 0, 0, &a);
	assert_string_equal(a.cause, TL_CAUSE_IDLE_CLOSED);
	assert_false(a.after_close_us > 0);
}

static void test_idle_close_last_word_and_coarse_stamps(void **state)
{
	struct tl_attribution a;
	(void)state;
	/* HTTP/2 GOAWAY / TLS close_notify, then the FIN, dropped while the
	 * client held the idle connection: all one idle close */
	struct tl_segment w[2] = { seg(24990, 40007, TL_ACK | TL_PSH, 46), seg(25000, 40007, TL_ACK | TL_FIN, 0) };
	judge(&w[0], w + 1, 1, 0, &a);
	assert_string_equal(a.cause, TL_CAUSE_IDLE_CLOSED);
	/* 1-second stamps: a FIN and its first retransmission 0.2 s later may
	 * print a second apart; that is no back-off, the FIN itself was late */
	struct tl_segment f[2] = { seg(3200, 40003, TL_ACK | TL_FIN, 0), seg(4200, 40003, TL_ACK | TL_FIN, 0) };
	f[0].t_res_us = f[1].t_res_us = 1000000;
	judge(&f[0], f + 1, 1, 0, &a);
	assert_string_equal(a.cause, TL_CAUSE_LATE_FIN);
}

static void test_http2_in_flight(void **state)
{
	struct tl_attribution a;
	(void)state;
	struct tl_segment s = seg(5000, 40009, TL_ACK, 0);
	judge(&s, NULL, 0, 0, &a);
	assert_true(a.attributed);
	assert_int_equal(xch_of(&a)->id, 10);
	assert_int_equal(a.n_in_flight, 1);
	assert_int_equal(m.xchs[a.in_flight[0]].id, 9);
	assert_string_equal(a.cause, TL_CAUSE_STATE_LOST);
}

static void test_unattributed_reasons(void **state)
{
	struct tl_attribution a;
	(void)state;
	/* two hosts, same port, the log names the gateway: ambiguous */
	struct tl_segment s = seg(71500, 45000, TL_ACK | TL_FIN, 0);
	judge(&s, NULL, 0, 0, &a);
	assert_false(a.attributed);
	assert_non_null(strstr(a.reason, "ambiguous"));
	/* the host's own address disambiguates (a host firewall's log) */
	strcpy(s.dst, "192.168.1.11");
	judge(&s, NULL, 0, 0, &a);
	assert_true(a.attributed);
	assert_string_equal(m.hosts[a.host].label, "bob");
	/* a port no connection used, near connections to the server: NAT */
	s = seg(800, 51234, TL_ACK, 0);
	judge(&s, NULL, 0, 0, &a);
	assert_false(a.attributed);
	assert_non_null(strstr(a.reason, "NAT"));
	/* long after everything */
	s = seg(5000000, 40003, TL_ACK, 0);
	judge(&s, NULL, 0, 0, &a);
	assert_false(a.attributed);
}

static void test_clock_offset_estimate(void **state)
{
	struct tl_spool sp;
	struct tl_clock_estimate e;
	struct tl_spooled r;
	(void)state;
	assert_int_equal(tl_spool_open(&sp), 0);
	memset(&r, 0, sizeof r);
	/* the gateway runs 37.25 s ahead; lateness 20 ms, 3 s, 3.3 s */
	static const struct { long ms; unsigned port; uint8_t flags; } drops[] = {
		{ 60520, 40000, TL_ACK }, { 5000, 40003, TL_ACK | TL_FIN }, { 5300, 40004, TL_ACK | TL_FIN },
		{ 2030, 40006, TL_RST },
	};
	for (unsigned i = 0; i < 4; i++) {
		r.seg = seg(drops[i].ms + 37250, drops[i].port, drops[i].flags, 0);
		assert_int_equal(tl_spool_put(&sp, &r), 0);
	}
	tl_clock_estimate(&m, &sp, &e);
	assert_true(e.applied);
	assert_true(e.offset_us >= 37250000 && e.offset_us <= 37250000 + 500000);
	tl_spool_close(&sp);
	/* Same clocks, segments seconds late or before an idle connection's
	 * close: nothing says the clocks differ, so no offset is applied. */
	assert_int_equal(tl_spool_open(&sp), 0);
	static const struct { long ms; unsigned port; } plain[] = {
		{ 5000, 40003 }, { 5300, 40004 }, { 25000, 40007 }, { 3000, 40006 },
	};
	for (unsigned i = 0; i < 4; i++) {
		r.seg = seg(plain[i].ms, plain[i].port, TL_ACK | TL_FIN, 0);
		assert_int_equal(tl_spool_put(&sp, &r), 0);
	}
	tl_clock_estimate(&m, &sp, &e);
	assert_false(e.applied);
	assert_int_equal(e.offset_us, 0);
	tl_spool_close(&sp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_port_reuse_picks_by_time),
		cmocka_unit_test(test_late_fin_vs_fin_retransmit),
		cmocka_unit_test(test_late_data_and_rst_answer),
		cmocka_unit_test(test_idle_keepalive),
		cmocka_unit_test(test_idle_close_last_word_and_coarse_stamps),
		cmocka_unit_test(test_http2_in_flight),
		cmocka_unit_test(test_unattributed_reasons),
		cmocka_unit_test(test_clock_offset_estimate),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* test_fw_conntrack.c -- conntrack -E events: every line of the captured
 * sample conntrack_E_events.txt (copied here), the -o extended and IPv6
 * forms built from conntrack(8), and hostile lines. */
#include "config.h"
#include "fw_testlib.h"

struct want {
	const char *line;
	int64_t t_us;
	const char *label;
	int32_t timeout;
	uint16_t sport;		/* original: client -> server:80 */
};


/* The sample: original tuple PC -> server, reply tuple server -> WAN. */
static void sample_lines(void **state)
{
	(void)state;
	static const struct want w[] = {
		{ "[1795725021.025799]\t    [NEW] tcp      6 120 SYN_SENT src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 [UNREPLIED] src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348 id=4117625027",
		  1795725021025799, "NEW SYN_SENT", 120, 45348 },
		{ "[1795725021.025885]\t [UPDATE] tcp      6 60 SYN_RECV src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348 id=4117625027",
		  1795725021025885, "UPDATE SYN_RECV", 60, 45348 },
		{ "[1795725021.025892]\t [UPDATE] tcp      6 432000 ESTABLISHED src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348 [ASSURED] id=4117625027",
		  1795725021025892, "UPDATE ESTABLISHED", 432000, 45348 },
		{ "[1795725021.026588]\t [UPDATE] tcp      6 120 FIN_WAIT src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348 [ASSURED] id=4117625027",
		  1795725021026588, "UPDATE FIN_WAIT", 120, 45348 },
		{ "[1795725021.075132]\t [UPDATE] tcp      6 1 CLOSE_WAIT src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348 [ASSURED] id=4117625027",
		  1795725021075132, "UPDATE CLOSE_WAIT", 1, 45348 },
		{ "[1795725024.030441]\t[DESTROY] tcp      6 CLOSE_WAIT src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348 [ASSURED] id=4117625027",
		  1795725024030441, "DESTROY CLOSE_WAIT", -1, 45348 },
		{ "[1795725020.090274]\t [UPDATE] tcp      6 0 CLOSE src=192.0.2.10 dst=198.51.100.20 sport=45320 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45320 [ASSURED] id=3798372353",
		  1795725020090274, "UPDATE CLOSE", 0, 45320 },
		{ "[1795725020.095889]\t[DESTROY] tcp      6 CLOSE src=192.0.2.10 dst=198.51.100.20 sport=45320 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45320 [ASSURED] id=3798372353",
		  1795725020095889, "DESTROY CLOSE", -1, 45320 },
	};
	struct tl_fw_state st;
	struct tl_time_opts o;
	struct tl_segment seg;
	/* epoch stamps: the zone must not matter */
	static const char *const zones[] = { "Europe/Berlin", "UTC" };
	for (size_t z = 0; z < N(zones); z++) {
		fw_test_begin(&st, &o, zones[z], 0, 0);
		for (size_t i = 0; i < N(w); i++) {
			enum tl_parse r = fw_test_parse(&tl_fw_conntrack, &st, w[i].line, &seg);
			if (r != TL_PARSE_SEGMENT)
				fail_msg("%s\n -> %d (%s)", w[i].line, r, st.error ? st.error : "");
			assert_true(fw_test_sniff(&tl_fw_conntrack, w[i].line));
			assert_int_equal(seg.kind, TL_KIND_CT_EVENT);
			assert_int_equal(seg.t_us, w[i].t_us);
			assert_int_equal(seg.t_res_us, 1);
			assert_string_equal(seg.label, w[i].label);
			assert_int_equal(seg.ct_timeout_s, w[i].timeout);
			assert_string_equal(seg.src, "192.0.2.10");
			assert_string_equal(seg.dst, "198.51.100.20");
			assert_int_equal(seg.sport, w[i].sport);
			assert_int_equal(seg.dport, 80);
			assert_string_equal(seg.reply_dst, "203.0.113.1");
			assert_int_equal(seg.reply_dport, w[i].sport);
			assert_int_equal(seg.has_flags, 0);
			assert_int_equal(seg.has_seq, 0);
			assert_int_equal(seg.verdict, TL_VERDICT_UNKNOWN);
		}
	}
}

/* -o timestamp,extended (layer-3 name and number first), NAT that changes
 * the port, IPv6 with a non-canonical address, a millisecond stamp. */
static void other_forms(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_time_opts o;
	struct tl_segment seg;
	fw_test_begin(&st, &o, "UTC", 0, 0);
	assert_int_equal(fw_test_parse(&tl_fw_conntrack, &st,
		"[1795725021.075132]\t [UPDATE] ipv4     2 tcp      6 10 TIME_WAIT src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=61000 [ASSURED] mark=0 use=1",
		&seg), TL_PARSE_SEGMENT);
	assert_string_equal(seg.label, "UPDATE TIME_WAIT");
	assert_int_equal(seg.ct_timeout_s, 10);
	assert_int_equal(seg.sport, 45348);
	assert_int_equal(seg.reply_dport, 61000);
	assert_int_equal(fw_test_parse(&tl_fw_conntrack, &st,
		"[1795725021.075]\t    [NEW] ipv6     10 tcp      6 120 SYN_SENT src=2001:0db8::0010 dst=2001:db8::20 sport=45348 dport=80 [UNREPLIED] src=2001:db8::20 dst=2001:db8::10 sport=80 dport=45348",
		&seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.t_us, 1795725021075000);
	assert_int_equal(seg.t_res_us, 1000);
	assert_string_equal(seg.src, "2001:db8::10");
	assert_string_equal(seg.dst, "2001:db8::20");
	assert_string_equal(seg.reply_dst, "2001:db8::10");
	/* a DESTROY without a state word keeps the event alone */
	assert_int_equal(fw_test_parse(&tl_fw_conntrack, &st,
		"[1795725024.030441]\t[DESTROY] tcp      6 src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348\r",
		&seg), TL_PARSE_SEGMENT);
	assert_string_equal(seg.label, "DESTROY");
	assert_int_equal(seg.reply_dport, 45348);
}

/* Other protocols are no TCP flow: skipped. */
static void skipped(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"[1795725021.025799]\t    [NEW] udp      17 30 src=192.0.2.10 dst=192.0.2.1 sport=40000 dport=53 [UNREPLIED] src=192.0.2.1 dst=192.0.2.10 sport=53 dport=40000",
		"[1795725021.025799]\t    [NEW] icmp     1 30 src=192.0.2.10 dst=192.0.2.1 type=8 code=0 id=1 [UNREPLIED] src=192.0.2.1 dst=192.0.2.10 type=0 code=0 id=1",
		"[1795725021.025799]\t    [NEW] ipv6     10 udp      17 30 src=2001:db8::1 dst=2001:db8::2 sport=1 dport=2",
	};
	struct tl_fw_state st;
	struct tl_time_opts o;
	fw_test_begin(&st, &o, "UTC", 0, 0);
	fw_test_skips(&tl_fw_conntrack, &st, lines, N(lines));
}

static void bad_lines(void **state)
{
	(void)state;
	static const struct fw_test_bad lines[] = {
		{ "    [NEW] tcp      6 120 SYN_SENT src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 [UNREPLIED] src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348",
		  "conntrack -E without -o timestamp has no time" },
		{ "[DESTROY] tcp      6 src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348",
		  "conntrack -E without -o timestamp has no time" },
		{ "[1795725021.025799]\t [GONE] tcp      6 1 CLOSE src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348",
		  "conntrack event without [NEW], [UPDATE] or [DESTROY]" },
		{ "[1795725021.025799]\t [UPDATE] tcp      6 1 CLOSE src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80",
		  "conntrack event without both tuples" },
		{ "[1795725021.025799]\t [UPDATE] tcp      6 1 CLOSE src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80",
		  "conntrack event without both tuples" },
		{ "[1795725021.025799]\t [UPDATE] tcp      6 1 CLOSE src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=65536 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348",
		  "bad address or port in a conntrack tuple" },
		{ "[1795725021.025799]\t [UPDATE] tcp      6 1 CLOSE src=192.0.2.300 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348",
		  "bad address or port in a conntrack tuple" },
		{ "[1795725021.025799]\t [UPDATE] tcp      6 1 CLOSE src=192.0.2.3 dst=198.51.100.20 sport=45348x dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348",
		  "bad address or port in a conntrack tuple" },
		{ "[1795725021.025799]\t [UPDATE] tcp      6 99999999999 CLOSE src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348",
		  "bad conntrack timeout" },
		{ "[1795725021.025799]\t [UPDATE] tcp      6 4294967295 CLOSE src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348",
		  "bad conntrack timeout" },
		{ "[1795725021.025799]\t [UPDATE] tcp      x 1 CLOSE src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348",
		  "conntrack event without the protocol number" },
		{ "[1795725021.0257999999] [UPDATE] tcp 6 1 CLOSE src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348",
		  "not a conntrack -E event line" },
		{ "tcp      6 431999 ESTABLISHED src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348",
		  "not a conntrack -E event line" },
	};
	struct tl_fw_state st;
	struct tl_time_opts o;
	fw_test_begin(&st, &o, "UTC", 0, 0);
	fw_test_errors(&tl_fw_conntrack, &st, lines, N(lines));
}

/* Cuts before the reply's dport are never an event; binary bytes anywhere
 * are never a crash. */
static void hostile_sweep(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_time_opts o;
	const char *line = "[1795725021.075132]\t [UPDATE] ipv6     10 tcp      6 1 CLOSE_WAIT src=2001:db8::10 dst=198.51.100.20 sport=45348 dport=80 src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348 [ASSURED] id=4117625027";
	fw_test_begin(&st, &o, "UTC", 0, 0);
	fw_test_sweep(&tl_fw_conntrack, &st, line, (size_t)(strstr(line, "45348 [") - line) + 1);
}

/* Detection claims events only. */
static void sniffing(void **state)
{
	(void)state;
	static const char *const others[] = {
		"2009-05-12 14:03:28\t198.51.100.20\t33724",
		"tcp      6 431999 ESTABLISHED src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80",
		"[NEWS] tcp",
		"",
	};
	fw_test_sniff_precise(&tl_fw_conntrack, others, N(others));
	assert_true(fw_test_sniff(&tl_fw_conntrack, "    [NEW] tcp      6 120 SYN_SENT src=192.0.2.10"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sample_lines),
		cmocka_unit_test(other_forms),
		cmocka_unit_test(skipped),
		cmocka_unit_test(bad_lines),
		cmocka_unit_test(hostile_sweep),
		cmocka_unit_test(sniffing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

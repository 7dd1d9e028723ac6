/* test_fw_klog.c -- the Linux LOG/NFLOG parser on every line of the
 * samples in /work/shared/samples/firewall/ (copied here), on the
 * wrappings without a sample (journalctl short-iso/-precise/-monotonic,
 * dmesg -T, firewalld, a daemon's tag, IPv6) built from the cited formats
 * (notes B.1-B.4), and on hostile lines. */
#include "config.h"
#include "fw_testlib.h"

/* Everything a LOG line says that the segment keeps. */
struct want {
	const char *line;
	int64_t t_us;
	unsigned res_us;
	const char *src, *dst;
	uint16_t sport, dport;
	uint8_t flags;
	uint8_t has_seq;
	uint32_t seq, ack;
	uint8_t has_ipid;
	uint32_t ipid;
	const char *label;
	enum tl_verdict verdict;
	uint8_t has_len;	/* LEN=40 (v4) / 60 (v6): payload 0, exactly */
};

#define SRV "198.51.100.20"
#define WAN "203.0.113.1"
#define PC "192.0.2.10"
#define NOT_SYN "NEW not SYN?"
#define DROPPED TL_VERDICT_DROPPED
#define UNKNOWN TL_VERDICT_UNKNOWN
#define PASSED TL_VERDICT_PASSED
#define A TL_ACK
#define F TL_FIN
#define P TL_PSH
#define R TL_RST

/* 2026-11-26 20:30:19 in Europe/Berlin (CET, +01:00) */
#define NOV26_203019 (1795721419 * US)
/* 2009-05-12 14:03:28 in Europe/Berlin (CEST, +02:00) */
#define MAY12_140328 (1242129808 * US)

/* Parses w->line and compares every field. */
static void check(struct tl_fw_state *st, const struct want *w)
{
	struct tl_segment seg;
	enum tl_parse r = fw_test_parse(&tl_fw_klog, st, w->line, &seg);
	if (r != TL_PARSE_SEGMENT)
		fail_msg("%s\n -> %d (%s)", w->line, r, st->error ? st->error : "");
	print_message("  %s\n", w->line);
	assert_int_equal(seg.kind, TL_KIND_SEGMENT);
	assert_int_equal(seg.t_us, w->t_us);
	assert_int_equal(seg.t_res_us, w->res_us);
	assert_string_equal(seg.src, w->src);
	assert_string_equal(seg.dst, w->dst);
	assert_int_equal(seg.sport, w->sport);
	assert_int_equal(seg.dport, w->dport);
	assert_int_equal(seg.has_flags, 1);
	assert_int_equal(seg.flags, w->flags);
	assert_int_equal(seg.has_seq, w->has_seq);
	assert_int_equal(seg.has_ack, w->has_seq);
	assert_int_equal(seg.seq, w->seq);
	assert_int_equal(seg.ack, w->ack);
	assert_int_equal(seg.has_ipid, w->has_ipid);
	assert_int_equal(seg.ipid, w->ipid);
	assert_string_equal(seg.label, w->label);
	assert_int_equal(seg.verdict, w->verdict);
	assert_int_equal(seg.has_len, w->has_len);
	assert_int_equal(seg.len, 0);
}

/* The test's lines with a fresh state each (each has its own year). */
static void check_all(const struct want *w, size_t n, const char *tz, int64_t ref_us,
		      int64_t boot_us)
{
	struct tl_fw_state st;
	struct tl_time_opts o;
	for (size_t i = 0; i < n; i++) {
		fw_test_begin(&st, &o, tz, ref_us, boot_us);
		check(&st, &w[i]);
		assert_true(fw_test_sniff(&tl_fw_klog, w[i].line));
	}
}


/* linux_iptables_LOG_syslog_rfc3164.log: zone-less, year-less stamps; the
 * May lines (2009, CEST) and the November lines (2026, CET). */
static void syslog_rfc3164_sample(void **state)
{
	(void)state;
	static const struct want may[] = {
		{ "May 12 14:03:28 ipcop kernel: NEW not SYN? IN=ppp0 OUT= MAC= SRC=198.51.100.20 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=49 ID=0 DF PROTO=TCP SPT=80 DPT=33724 WINDOW=6432 RES=0x00 ACK URGP=0 ",
		  MAY12_140328, US, SRV, WAN, 80, 33724, A, 0, 0, 0, 1, 0, NOT_SYN, DROPPED, 1 },
		{ "May 12 14:27:06 ipcop kernel: NEW not SYN? IN=ppp0 OUT= MAC= SRC=198.51.100.20 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=49 ID=0 DF PROTO=TCP SPT=80 DPT=34017 WINDOW=6432 RES=0x00 ACK FIN URGP=0 ",
		  1242131226 * US, US, SRV, WAN, 80, 34017, A | F, 0, 0, 0, 1, 0, NOT_SYN, DROPPED, 1 },
		{ "May 12 14:50:41 ipcop kernel: NEW not SYN? IN=ppp0 OUT= MAC= SRC=198.51.100.20 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=49 ID=0 DF PROTO=TCP SPT=80 DPT=34350 WINDOW=0 RES=0x00 RST URGP=0 ",
		  1242132641 * US, US, SRV, WAN, 80, 34350, R, 0, 0, 0, 1, 0, NOT_SYN, DROPPED, 1 },
	};
	static const struct want nov[] = {
		{ "Nov 26 20:30:19 gw kernel: [ 5312.104877] New not syn:IN=eth1 OUT= MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 TOS=0x00 PREC=0x00 TTL=52 ID=57430 DF PROTO=TCP SPT=80 DPT=45314 WINDOW=501 RES=0x00 ACK URGP=0 ",
		  NOV26_203019, US, SRV, WAN, 80, 45314, A, 0, 0, 0, 1, 57430, "New not syn:", DROPPED, 0 },
		{ "Nov 26 20:30:23 gw kernel: [ 5316.088419] INVALID IN=eth1 OUT= MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=52 TOS=0x00 PREC=0x00 TTL=52 ID=23536 DF PROTO=TCP SPT=80 DPT=45332 WINDOW=501 RES=0x00 ACK FIN URGP=0 ",
		  NOV26_203019 + 4 * US, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "INVALID", DROPPED, 0 },
	};
	check_all(may, N(may), "Europe/Berlin", 1242000000 * US, 0);
	check_all(nov, N(nov), "Europe/Berlin", 1795000000 * US, 0);
}

/* linux_iptables_LOG_rsyslog_rfc3339.log: the offset is in the stamp, so
 * the zone given does not matter. */
static void rsyslog_rfc3339_sample(void **state)
{
	(void)state;
	static const struct want w[] = {
		{ "2026-11-26T20:30:19.615902+01:00 gw kernel: [ 5312.104877] NEW not SYN? IN=eth1 OUT= MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 TOS=0x00 PREC=0x00 TTL=52 ID=57430 DF PROTO=TCP SPT=80 DPT=45314 WINDOW=501 RES=0x00 ACK URGP=0 ",
		  NOV26_203019 + 615902, 1, SRV, WAN, 80, 45314, A, 0, 0, 0, 1, 57430, NOT_SYN, DROPPED, 0 },
		{ "2026-11-26T20:30:19.621964+01:00 gw kernel: [ 5312.110941] NEW not SYN? IN=eth1 OUT= MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 TOS=0x00 PREC=0x00 TTL=52 ID=57432 DF PROTO=TCP SPT=80 DPT=45314 WINDOW=501 RES=0x00 ACK PSH URGP=0 ",
		  NOV26_203019 + 621964, 1, SRV, WAN, 80, 45314, A | P, 0, 0, 0, 1, 57432, NOT_SYN, DROPPED, 0 },
		{ "2026-11-26T20:30:23.439961+01:00 gw kernel: [ 5315.928935] NEW not SYN? IN=eth1 OUT= MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=212 TOS=0x00 PREC=0x00 TTL=52 ID=23535 DF PROTO=TCP SPT=80 DPT=45332 SEQ=2533098553 ACK=2191708191 WINDOW=501 RES=0x00 ACK PSH URGP=0 ",
		  NOV26_203019 + 4 * US + 439961, 1, SRV, WAN, 80, 45332, A | P, 1, 2533098553u, 2191708191u, 1, 23535, NOT_SYN, DROPPED, 0 },
		{ "2026-11-26T20:30:24.030662+01:00 gw kernel: [ 5316.519640] INVALID IN=eth1 OUT= MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=52 TOS=0x00 PREC=0x00 TTL=52 ID=51885 DF PROTO=TCP SPT=80 DPT=45348 SEQ=2040313100 ACK=3413696836 WINDOW=501 RES=0x00 ACK FIN URGP=0 ",
		  NOV26_203019 + 5 * US + 30662, 1, SRV, WAN, 80, 45348, A | F, 1, 2040313100u, 3413696836u, 1, 51885, "INVALID", DROPPED, 0 },
	};
	check_all(w, N(w), "UTC", 1795000000 * US, 0);
	check_all(w, N(w), "America/New_York", 0, 0);
}

/* linux_kernel_dmesg_raw.log: seconds since boot, placed by --boot-time. */
static void dmesg_raw_sample(void **state)
{
	(void)state;
	const int64_t boot = 1795720000 * US;
	static const struct want w[] = {
		{ "[  731.911220] NEW not SYN? IN=gfww OUT= MAC=5e:dd:e5:91:38:c5:b2:0e:cb:a4:16:69:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 TOS=0x00 PREC=0x00 TTL=64 ID=63284 DF PROTO=TCP SPT=80 DPT=52658 WINDOW=64 RES=0x00 ACK URGP=0",
		  1795720000 * US + 731911220, 1, SRV, WAN, 80, 52658, A, 0, 0, 0, 1, 63284, NOT_SYN, DROPPED, 0 },
		{ "[  731.917264] NEW not SYN? IN=gfww OUT= MAC=5e:dd:e5:91:38:c5:b2:0e:cb:a4:16:69:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 TOS=0x00 PREC=0x00 TTL=64 ID=63285 DF PROTO=TCP SPT=80 DPT=52658 WINDOW=64 RES=0x00 ACK PSH URGP=0",
		  1795720000 * US + 731917264, 1, SRV, WAN, 80, 52658, A | P, 0, 0, 0, 1, 63285, NOT_SYN, DROPPED, 0 },
		{ "[  732.310373] INVALID IN=gfwl OUT=gfww MAC=32:61:84:06:f1:74:fa:18:fa:10:a3:8c:08:00 SRC=192.0.2.10 DST=198.51.100.20 LEN=40 TOS=0x00 PREC=0x00 TTL=63 ID=0 DF PROTO=TCP SPT=52672 DPT=80 WINDOW=0 RES=0x00 RST URGP=0",
		  1795720000 * US + 732310373, 1, PC, SRV, 52672, 80, R, 0, 0, 0, 1, 0, "INVALID", DROPPED, 1 },
		{ "[  735.508230] INVALID IN=gfww OUT= MAC=5e:dd:e5:91:38:c5:b2:0e:cb:a4:16:69:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=52 TOS=0x00 PREC=0x00 TTL=64 ID=26015 DF PROTO=TCP SPT=80 DPT=52682 WINDOW=64 RES=0x00 ACK FIN URGP=0",
		  1795720000 * US + 735508230, 1, SRV, WAN, 80, 52682, A | F, 0, 0, 0, 1, 26015, "INVALID", DROPPED, 0 },
		{ "[  735.721692] INVALID IN=gfww OUT= MAC=5e:dd:e5:91:38:c5:b2:0e:cb:a4:16:69:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=212 TOS=0x00 PREC=0x00 TTL=64 ID=26017 DF PROTO=TCP SPT=80 DPT=52682 WINDOW=64 RES=0x00 ACK PSH FIN URGP=0",
		  1795720000 * US + 735721692, 1, SRV, WAN, 80, 52682, A | P | F, 0, 0, 0, 1, 26017, "INVALID", DROPPED, 0 },
	};
	check_all(w, N(w), "Europe/Berlin", 0, boot);

	/* without a boot time there is no wall time: an error that says why */
	struct tl_fw_state st;
	struct tl_time_opts o;
	struct tl_segment seg;
	fw_test_begin(&st, &o, "Europe/Berlin", 0, 0);
	assert_int_equal(fw_test_parse(&tl_fw_klog, &st, w[0].line, &seg), TL_PARSE_BAD);
	assert_string_equal(st.error,
			    "dmesg uptime stamp: give --boot-time, or use dmesg -T or journalctl -k");
}

/* nftables_log_prefix.log: "ct-invalid: " is a drop; SEQ/ACK with
 * `log flags tcp sequence`. */
static void nftables_sample(void **state)
{
	(void)state;
	static const struct want w[] = {
		{ "Nov 26 20:30:19 gw kernel: [ 5312.104877] NEW not SYN? IN=eth1 OUT= MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 TOS=0x00 PREC=0x00 TTL=52 ID=57430 DF PROTO=TCP SPT=80 DPT=45314 WINDOW=501 RES=0x00 ACK URGP=0 ",
		  NOV26_203019, US, SRV, WAN, 80, 45314, A, 0, 0, 0, 1, 57430, NOT_SYN, DROPPED, 0 },
		{ "Nov 26 20:30:19 gw kernel: [ 5312.110941] NEW not SYN? IN=eth1 OUT= MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 TOS=0x00 PREC=0x00 TTL=52 ID=57432 DF PROTO=TCP SPT=80 DPT=45314 SEQ=982152185 ACK=2576867851 WINDOW=501 RES=0x00 ACK PSH URGP=0 ",
		  NOV26_203019, US, SRV, WAN, 80, 45314, A | P, 1, 982152185u, 2576867851u, 1, 57432, NOT_SYN, DROPPED, 0 },
		{ "Nov 26 20:30:19 gw kernel: [ 5312.102112] ct-invalid: IN=eth0 OUT=eth1 MAC=3c:97:0e:11:22:33:00:1b:21:3a:4c:5d:08:00 SRC=192.0.2.10 DST=198.51.100.20 LEN=40 TOS=0x00 PREC=0x00 TTL=63 ID=0 DF PROTO=TCP SPT=45314 DPT=80 WINDOW=0 RES=0x00 RST URGP=0 ",
		  NOV26_203019, US, PC, SRV, 45314, 80, R, 0, 0, 0, 1, 0, "ct-invalid:", DROPPED, 1 },
		{ "Nov 26 20:30:24 gw kernel: [ 5316.519640] ct-invalid: IN=eth1 OUT= MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=52 TOS=0x00 PREC=0x00 TTL=52 ID=51885 DF PROTO=TCP SPT=80 DPT=45348 SEQ=2040313100 ACK=3413696836 WINDOW=501 RES=0x00 ACK FIN URGP=0 ",
		  NOV26_203019 + 5 * US, US, SRV, WAN, 80, 45348, A | F, 1, 2040313100u, 3413696836u, 1, 51885, "ct-invalid:", DROPPED, 0 },
	};
	check_all(w, N(w), "Europe/Berlin", 1795000000 * US, 0);
}

/* ufw_block.log: syslog and RFC 3339 lines in one file. */
static void ufw_sample(void **state)
{
	(void)state;
	static const struct want w[] = {
		{ "Nov 26 20:30:19 volunteer-pc kernel: [ 8834.102277] [UFW BLOCK] IN=wlp2s0 OUT= MAC=3c:97:0e:11:22:33:00:1b:21:3a:4c:5d:08:00 SRC=198.51.100.20 DST=192.0.2.10 LEN=1500 TOS=0x00 PREC=0x00 TTL=51 ID=57430 DF PROTO=TCP SPT=80 DPT=45314 WINDOW=501 RES=0x00 ACK URGP=0 ",
		  NOV26_203019, US, SRV, PC, 80, 45314, A, 0, 0, 0, 1, 57430, "[UFW BLOCK]", DROPPED, 0 },
		{ "Nov 26 20:30:23 volunteer-pc kernel: [ 8837.927104] [UFW BLOCK] IN=wlp2s0 OUT= MAC=3c:97:0e:11:22:33:00:1b:21:3a:4c:5d:08:00 SRC=198.51.100.20 DST=192.0.2.10 LEN=52 TOS=0x00 PREC=0x00 TTL=51 ID=23536 DF PROTO=TCP SPT=80 DPT=45332 WINDOW=501 RES=0x00 ACK FIN URGP=0 ",
		  NOV26_203019 + 4 * US, US, SRV, PC, 80, 45332, A | F, 0, 0, 0, 1, 23536, "[UFW BLOCK]", DROPPED, 0 },
		{ "2026-11-26T20:30:24.031877+01:00 volunteer-pc kernel: [UFW BLOCK] IN=wlp2s0 OUT= MAC=3c:97:0e:11:22:33:00:1b:21:3a:4c:5d:08:00 SRC=198.51.100.20 DST=192.0.2.10 LEN=52 TOS=0x00 PREC=0x00 TTL=51 ID=51885 DF PROTO=TCP SPT=80 DPT=45348 WINDOW=501 RES=0x00 ACK FIN URGP=0 ",
		  NOV26_203019 + 5 * US + 31877, 1, SRV, PC, 80, 45348, A | F, 0, 0, 0, 1, 51885, "[UFW BLOCK]", DROPPED, 0 },
	};
	check_all(w, N(w), "Europe/Berlin", 1795000000 * US, 0);
}

/* ulogd2_logemu_nflog.log: host then prefix (no "kernel:"), "TOS=00", no
 * RES=, MARK= after URGP=. */
static void ulogd2_logemu_sample(void **state)
{
	(void)state;
	static const struct want w[] = {
		{ "Nov 26 20:30:19 vm NEW not SYN?  IN=gfww OUT= MAC=4e:b0:fc:2a:4a:37:96:89:68:66:05:27:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 TOS=00 PREC=0x00 TTL=64 ID=57430 DF PROTO=TCP SPT=80 DPT=45314 SEQ=982149289 ACK=2576867851 WINDOW=64 ACK URGP=0 MARK=0x0",
		  NOV26_203019, US, SRV, WAN, 80, 45314, A, 1, 982149289u, 2576867851u, 1, 57430, NOT_SYN, DROPPED, 0 },
		{ "Nov 26 20:30:19 vm NEW not SYN?  IN=gfww OUT= MAC=4e:b0:fc:2a:4a:37:96:89:68:66:05:27:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 TOS=00 PREC=0x00 TTL=64 ID=57432 DF PROTO=TCP SPT=80 DPT=45314 SEQ=982152185 ACK=2576867851 WINDOW=64 ACK PSH URGP=0 MARK=0x0",
		  NOV26_203019, US, SRV, WAN, 80, 45314, A | P, 1, 982152185u, 2576867851u, 1, 57432, NOT_SYN, DROPPED, 0 },
		{ "Nov 26 20:30:19 vm INVALID  IN=gfwl OUT=gfww MAC=de:ac:7a:08:41:41:7e:24:a4:48:b1:a2:08:00 SRC=192.0.2.10 DST=198.51.100.20 LEN=40 TOS=00 PREC=0x00 TTL=63 ID=0 DF PROTO=TCP SPT=45314 DPT=80 SEQ=2576867851 ACK=0 WINDOW=0 RST URGP=0 MARK=0x0",
		  NOV26_203019, US, PC, SRV, 45314, 80, R, 1, 2576867851u, 0, 1, 0, "INVALID", DROPPED, 1 },
		{ "Nov 26 20:30:23 vm INVALID  IN=gfww OUT= MAC=4e:b0:fc:2a:4a:37:96:89:68:66:05:27:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=52 TOS=00 PREC=0x00 TTL=64 ID=23536 DF PROTO=TCP SPT=80 DPT=45332 SEQ=2533098713 ACK=2191708191 WINDOW=64 ACK FIN URGP=0 MARK=0x0",
		  NOV26_203019 + 4 * US, US, SRV, WAN, 80, 45332, A | F, 1, 2533098713u, 2191708191u, 1, 23536, "INVALID", DROPPED, 0 },
		{ "Nov 26 20:30:23 vm INVALID  IN=gfww OUT= MAC=4e:b0:fc:2a:4a:37:96:89:68:66:05:27:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=212 TOS=00 PREC=0x00 TTL=64 ID=23538 DF PROTO=TCP SPT=80 DPT=45332 SEQ=2533098553 ACK=2191708191 WINDOW=64 ACK PSH FIN URGP=0 MARK=0x0",
		  NOV26_203019 + 4 * US, US, SRV, WAN, 80, 45332, A | P | F, 1, 2533098553u, 2191708191u, 1, 23538, "INVALID", DROPPED, 0 },
	};
	check_all(w, N(w), "Europe/Berlin", 1795000000 * US, 0);
}

#define BODY "IN=eth1 OUT= MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=52 TOS=0x00 PREC=0x00 TTL=52 ID=23536 DF PROTO=TCP SPT=80 DPT=45332 WINDOW=501 RES=0x00 ACK FIN URGP=0 "

/* journalctl -k -o short-iso / short-iso-precise / short-precise /
 * short-monotonic, dmesg -T, a daemon's tag: the same body in each. */
static void other_wrappings(void **state)
{
	(void)state;
	static const struct want w[] = {
		{ "2026-11-26T20:30:19+0100 gw kernel: INVALID " BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "INVALID", DROPPED, 0 },
		{ "2026-11-26T20:30:19.615902+0100 gw kernel: INVALID " BODY,
		  NOV26_203019 + 615902, 1, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "INVALID", DROPPED, 0 },
		{ "2026-11-26T19:30:19.6159Z gw kernel: INVALID " BODY,
		  NOV26_203019 + 615900, 100, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "INVALID", DROPPED, 0 },
		{ "Nov 26 20:30:19.615902 gw kernel: INVALID " BODY,
		  NOV26_203019 + 615902, 1, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "INVALID", DROPPED, 0 },
		{ "Nov  6 20:30:19 gw kernel: INVALID " BODY,
		  NOV26_203019 - 20 * 86400 * US, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "INVALID", DROPPED, 0 },
		{ "[Thu Nov 26 20:30:19 2026] INVALID " BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "INVALID", DROPPED, 0 },
		{ "[Fri Nov  6 20:30:19 2026] INVALID " BODY,
		  NOV26_203019 - 20 * 86400 * US, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "INVALID", DROPPED, 0 },
		{ "Nov 26 20:30:19 gw ulogd[412]: INVALID " BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "INVALID", DROPPED, 0 },
		/* no prefix at all: label empty, verdict unknown */
		{ "Nov 26 20:30:19 gw kernel: " BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "", UNKNOWN, 0 },
		/* firewalld (notes B.4) */
		{ "Nov 26 20:30:19 gw kernel: STATE_INVALID_DROP: " BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "STATE_INVALID_DROP:", DROPPED, 0 },
		{ "Nov 26 20:30:19 gw kernel: filter_IN_public_REJECT: " BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "filter_IN_public_REJECT:", DROPPED, 0 },
		{ "Nov 26 20:30:19 gw kernel: FINAL_REJECT: " BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "FINAL_REJECT:", DROPPED, 0 },
		/* a prefix without its trailing space, glued to IN= */
		{ "Nov 26 20:30:19 gw kernel: IPTABLES-DROP" BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "IPTABLES-DROP", DROPPED, 0 },
		/* ufw's other prefixes */
		{ "Nov 26 20:30:19 gw kernel: [UFW ALLOW] " BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "[UFW ALLOW]", PASSED, 0 },
		{ "Nov 26 20:30:19 gw kernel: [UFW LIMIT BLOCK] " BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "[UFW LIMIT BLOCK]", DROPPED, 0 },
		{ "Nov 26 20:30:19 gw kernel: [UFW AUDIT] " BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "[UFW AUDIT]", UNKNOWN, 0 },
		/* a prefix longer than the label keeps its start */
		{ "Nov 26 20:30:19 gw kernel: a-very-long-nftables-log-prefix-that-goes-on-and-on-and-on " BODY,
		  NOV26_203019, US, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "a-very-long-nftables-log-prefix-that-goes-on-an", UNKNOWN, 0 },
		/* IPv6 (nf_log_syslog: TC= HOPLIMIT= FLOWLBL=, no ID=; LEN= counts
		   the 40-byte header) with a non-canonical source address */
		{ "Nov 26 20:30:19 gw kernel: [UFW BLOCK] IN=eth0 OUT= MAC=3c:97:0e:11:22:33:00:1b:21:3a:4c:5d:86:dd SRC=2001:0db8:0000:0000:0000:0000:0000:0001 DST=2001:db8::10 LEN=60 TC=0 HOPLIMIT=52 FLOWLBL=0 PROTO=TCP SPT=80 DPT=45314 WINDOW=501 RES=0x00 ACK FIN URGP=0 ",
		  NOV26_203019, US, "2001:db8::1", "2001:db8::10", 80, 45314, A | F, 0, 0, 0, 0, 0, "[UFW BLOCK]", DROPPED, 1 },
		/* all eight flags, OPT and UID after URGP= */
		{ "Nov 26 20:30:19 gw kernel: INVALID IN=eth1 OUT= SRC=198.51.100.20 DST=203.0.113.1 LEN=64 TOS=0x00 PREC=0x00 TTL=52 ID=1 CE DF MF PROTO=TCP SPT=80 DPT=45332 WINDOW=501 RES=0x00 CWR ECE URG ACK PSH RST SYN FIN URGP=0 OPT (0101080A) UID=0 GID=0 ",
		  NOV26_203019, US, SRV, WAN, 80, 45332, 0xff, 0, 0, 0, 1, 1, "INVALID", DROPPED, 0 },
		/* no flag words: flags known to be none */
		{ "Nov 26 20:30:19 gw kernel: INVALID IN=eth1 OUT= SRC=198.51.100.20 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=52 ID=1 PROTO=TCP SPT=80 DPT=45332 WINDOW=501 RES=0x00 URGP=0",
		  NOV26_203019, US, SRV, WAN, 80, 45332, 0, 0, 0, 0, 1, 1, "INVALID", DROPPED, 1 },
	};
	check_all(w, N(w), "Europe/Berlin", 1795000000 * US, 0);

	/* journalctl -o short-monotonic: "[uptime] host kernel:" */
	static const struct want mono[] = {
		{ "[ 5312.104877] gw kernel: INVALID " BODY,
		  1795720000 * US + 5312104877, 1, SRV, WAN, 80, 45332, A | F, 0, 0, 0, 1, 23536, "INVALID", DROPPED, 0 },
	};
	check_all(mono, N(mono), "Europe/Berlin", 0, 1795720000 * US);
}

/* A zone-less stamp is read in --tz, DST included: noon in Berlin is 11:00
 * UTC in January and 10:00 UTC in July; in UTC it is 12:00 both times. */
static void zone_and_dst(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_time_opts o;
	struct tl_segment jan, jul;
	const int64_t ref = 1783000000 * US;	/* 2026-07 */
	fw_test_begin(&st, &o, "Europe/Berlin", ref, 0);
	assert_int_equal(fw_test_parse(&tl_fw_klog, &st, "Jan 15 12:00:00 gw kernel: X " BODY, &jan), TL_PARSE_SEGMENT);
	fw_test_begin(&st, &o, "Europe/Berlin", ref, 0);
	assert_int_equal(fw_test_parse(&tl_fw_klog, &st, "Jul 15 12:00:00 gw kernel: X " BODY, &jul), TL_PARSE_SEGMENT);
	assert_int_equal(jan.t_us, 1768474800 * US);	/* 2026-01-15 11:00:00Z */
	assert_int_equal(jul.t_us, 1784109600 * US);	/* 2026-07-15 10:00:00Z */
	fw_test_begin(&st, &o, "UTC", ref, 0);
	assert_int_equal(fw_test_parse(&tl_fw_klog, &st, "Jan 15 12:00:00 gw kernel: X " BODY, &jan), TL_PARSE_SEGMENT);
	assert_int_equal(jan.t_us, 1768478400 * US);
	/* a log crossing New Year: December, then January of the next year */
	fw_test_begin(&st, &o, "UTC", 1798675200 * US /* 2026-12-31 */, 0);
	assert_int_equal(fw_test_parse(&tl_fw_klog, &st, "Dec 31 23:59:59 gw kernel: X " BODY, &jan), TL_PARSE_SEGMENT);
	assert_int_equal(jan.t_us, 1798761599 * US);
	assert_int_equal(fw_test_parse(&tl_fw_klog, &st, "Jan  1 00:00:01 gw kernel: X " BODY, &jul), TL_PARSE_SEGMENT);
	assert_int_equal(jul.t_us, 1798761601 * US);
}

/* Lines that are the format's but no TCP segment, and other programs'
 * lines in the same syslog: skipped, not errors. */
static void skipped_lines(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"Nov 26 20:30:19 gw kernel: [UFW BLOCK] IN=eth0 OUT= MAC=3c:97:0e:11:22:33:00:1b:21:3a:4c:5d:08:00 SRC=192.0.2.1 DST=192.0.2.10 LEN=72 TOS=0x00 PREC=0x00 TTL=64 ID=0 DF PROTO=UDP SPT=53 DPT=40000 LEN=52 ",
		"Nov 26 20:30:19 gw kernel: INVALID IN=eth0 OUT= SRC=192.0.2.1 DST=192.0.2.10 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=ICMP TYPE=8 CODE=0 ID=1 SEQ=1 ",
		"Nov 26 20:30:19 gw kernel: x IN=eth0 OUT= SRC=2001:db8::1 DST=2001:db8::2 LEN=104 TC=0 HOPLIMIT=64 FLOWLBL=0 PROTO=ICMPv6 TYPE=128 CODE=0 ID=1 SEQ=1 ",
		"Nov 26 20:30:19 gw kernel: x IN=eth0 OUT= SRC=192.0.2.1 DST=192.0.2.10 LEN=500 TOS=0x00 PREC=0x00 TTL=64 ID=7 FRAG:185 PROTO=TCP ",
		"Nov 26 20:30:19 gw kernel: x IN=br0 OUT=br0 MACSRC=3c:97:0e:11:22:33 MACDST=ff:ff:ff:ff:ff:ff MACPROTO=0806 ARP HTYPE=1 PTYPE=0x0800 OPCODE=1 ",
		"Nov 26 20:30:19 gw sshd[1234]: Accepted publickey for alice from 192.0.2.10 port 50000 ssh2",
		"Nov 26 20:30:19 gw dhclient[99]: DHCPREQUEST for 192.0.2.10 on eth0 to 192.0.2.1 port 67 DOMAIN=example",
		"Nov 26 20:30:19 gw kernel: [ 5312.104877] e1000e: eth1 NIC Link is Up 1000 Mbps Full Duplex",
		"2026-11-26T20:30:19.615902+01:00 gw systemd[1]: Started Daily apt upgrade.",
		"-- Boot 0123456789abcdef0123456789abcdef --",
		"-- No entries --",
		"",
	};
	struct tl_fw_state st;
	struct tl_time_opts o;
	fw_test_begin(&st, &o, "Europe/Berlin", 1795000000 * US, 0);
	fw_test_skips(&tl_fw_klog, &st, lines, N(lines));
}

/* Broken lines: an error each, with a reason. */
static void bad_lines(void **state)
{
	(void)state;
	static const struct fw_test_bad lines[] = {
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.256 DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT=1 WINDOW=1 RES=0x00 ACK URGP=0", "bad SRC= address" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.020 DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT=1 WINDOW=1 RES=0x00 ACK URGP=0", "bad SRC= address" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2x DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT=1 WINDOW=1 RES=0x00 ACK URGP=0", "bad SRC= address" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=2001:db8:::1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT=1 WINDOW=1 RES=0x00 ACK URGP=0", "bad DST= address" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=1111:2222:3333:4444:5555:6666:255.255.255.255:1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT=1 WINDOW=1 RES=0x00 ACK URGP=0", "bad DST= address" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP SPT=65536 DPT=1 WINDOW=1 RES=0x00 ACK URGP=0", "bad SPT= port" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT=99999999999999999999 WINDOW=1 RES=0x00 ACK URGP=0", "bad DPT= port" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT= WINDOW=1 RES=0x00 ACK URGP=0", "bad DPT= port" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT=1 SEQ=4294967296 ACK=1 WINDOW=1 RES=0x00 ACK URGP=0", "bad SEQ= number" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT=1 SEQ=1 ACK=-1 WINDOW=1 RES=0x00 ACK URGP=0", "bad ACK= number" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=203.0.113.1 LEN=40 ID=65536 PROTO=TCP SPT=80 DPT=1 WINDOW=1 RES=0x00 ACK URGP=0", "bad ID= number" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT=1 WINDOW=1 RES=0x00 ACK URGP=0", "LOG line without SRC=, DST= or PROTO=" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=203.0.113.1 LEN=40 ID=1 SPT=80 DPT=1 WINDOW=1 RES=0x00 ACK URGP=0", "LOG line without SRC=, DST= or PROTO=" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP DPT=1 WINDOW=1 RES=0x00 ACK URGP=0", "LOG line cut short (no SPT=, DPT= or URGP=)" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT=1 WINDOW=1 RES=0x00 ACK", "LOG line cut short (no SPT=, DPT= or URGP=)" },
		{ "Nov 26 20:30:19 gw kernel: x IN=eth1 OUT= SRC=198.51.100.2 DST=203.0.113.1 LEN=40 ID=1 PROTO=TCP SPT=80 DPT=1\r WINDOW=1 RES=0x00 ACK URGP=0", "bad DPT= port" },
		{ "Nov 36 20:30:19 gw kernel: x " BODY, "bad syslog time stamp" },
		{ "Nov 26 25:30:19 gw kernel: x " BODY, "bad syslog time stamp" },
		{ "2026-02-30T20:30:19+01:00 gw kernel: x " BODY, "bad ISO time stamp" },
		{ "2026-11-26T20:30:19+01:00junk gw kernel: x " BODY, "bad ISO time stamp" },
		{ "[Thu Nov 26 20:30:19 20x6] x " BODY, "bad dmesg -T stamp" },
		{ "[  731.9112201] x " BODY, "bad [uptime] stamp" },
		{ "[99999999999.9] x " BODY, "bad [uptime] stamp" },
		{ "[UFW BLOCK] " BODY, "LOG line without a time stamp" },
		{ "gw kernel: INVALID " BODY, "LOG line without a time stamp" },
	};
	struct tl_fw_state st;
	struct tl_time_opts o;
	fw_test_begin(&st, &o, "Europe/Berlin", 1795000000 * US, 1795720000 * US);
	fw_test_errors(&tl_fw_klog, &st, lines, N(lines));
}

/* A line ending in CR (a log copied through Windows) still parses. */
static void crlf(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_time_opts o;
	struct tl_segment seg;
	fw_test_begin(&st, &o, "Europe/Berlin", 1795000000 * US, 0);
	assert_int_equal(fw_test_parse(&tl_fw_klog, &st, "Nov 26 20:30:19 gw kernel: INVALID " BODY "\r", &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.flags, A | F);
	assert_int_equal(fw_test_parse(&tl_fw_klog, &st, "Nov 26 20:30:19 gw kernel: INVALID IN=eth1 OUT= SRC=198.51.100.20 DST=203.0.113.1 LEN=52 ID=1 PROTO=TCP SPT=80 DPT=45332 WINDOW=501 RES=0x00 ACK FIN URGP=0\r", &seg), TL_PARSE_SEGMENT);
	assert_int_equal(seg.dport, 45332);
}

/* Tabs between the words (a log re-formatted by an editor) separate them
 * like spaces (a word starting with a tab once made the walk spin). */
static void tabs(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_time_opts o;
	struct tl_segment seg;
	fw_test_begin(&st, &o, "Europe/Berlin", 1795000000 * US, 0);
	assert_int_equal(fw_test_parse(&tl_fw_klog, &st, "Nov 26 20:30:19 gw kernel: INVALID IN=eth1 OUT= \tSRC=198.51.100.20\tDST=203.0.113.1 LEN=52 ID=1 PROTO=TCP\tSPT=80 DPT=45332 WINDOW=501 RES=0x00 ACK\tFIN URGP=0", &seg), TL_PARSE_SEGMENT);
	assert_string_equal(seg.src, SRV);
	assert_int_equal(seg.sport, 80);
	assert_int_equal(seg.flags, A | F);
}

/* Cuts, NULs and binary bytes anywhere: never a crash, never a read past
 * the end; a cut before URGP= is never a segment. */
static void hostile_sweep(void **state)
{
	(void)state;
	struct tl_fw_state st;
	struct tl_time_opts o;
	static const char *const lines[] = {
		"Nov 26 20:30:19 gw kernel: [ 5312.104877] NEW not SYN? IN=eth1 OUT= MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 TOS=0x00 PREC=0x00 TTL=52 ID=57432 DF PROTO=TCP SPT=80 DPT=45314 SEQ=982152185 ACK=2576867851 WINDOW=501 RES=0x00 ACK PSH URGP=0 ",
		"2026-11-26T20:30:24.031877+01:00 volunteer-pc kernel: [UFW BLOCK] IN=wlp2s0 OUT= SRC=2001:db8::1 DST=2001:db8::10 LEN=60 TC=0 HOPLIMIT=52 FLOWLBL=0 PROTO=TCP SPT=80 DPT=45314 WINDOW=501 RES=0x00 ACK FIN URGP=0",
		"[Thu Nov 26 20:30:19 2026] INVALID IN=eth1 OUT= SRC=198.51.100.20 DST=203.0.113.1 LEN=52 ID=1 PROTO=TCP SPT=80 DPT=45332 WINDOW=501 RES=0x00 ACK FIN URGP=0",
		"[  731.911220] NEW not SYN? IN=gfww OUT= SRC=198.51.100.20 DST=203.0.113.1 LEN=1500 ID=63284 DF PROTO=TCP SPT=80 DPT=52658 WINDOW=64 RES=0x00 ACK URGP=0",
	};
	fw_test_begin(&st, &o, "Europe/Berlin", 1795000000 * US, 1795720000 * US);
	for (size_t i = 0; i < N(lines); i++)
		fw_test_sweep(&tl_fw_klog, &st, lines[i], (size_t)(strstr(lines[i], "URGP=") - lines[i]) + 5);
}

/* Detection: claims LOG lines only, not the neighbours' formats. */
static void sniffing(void **state)
{
	(void)state;
	static const char *const others[] = {
		"[1795725021.025799]\t    [NEW] tcp      6 120 SYN_SENT src=192.0.2.10 dst=198.51.100.20 sport=45348 dport=80 [UNREPLIED] src=198.51.100.20 dst=203.0.113.1 sport=80 dport=45348 id=4117625027",
		"2009-05-12 14:03:28\t198.51.100.20\t33724",
		"TIMESTAMP\tIP_IN\tTCP_PORT",
		"Nov 26 20:30:19 gw sshd[1234]: Accepted publickey for alice from 192.0.2.10 port 50000 ssh2",
		"12-May-2009 14:03:27 [Milkyway@home] Sending scheduler request: To fetch work.",
		"",
	};
	fw_test_sniff_precise(&tl_fw_klog, others, N(others));
	assert_true(fw_test_sniff(&tl_fw_klog, "Nov 26 20:30:19 gw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=192.0.2.1 DST=192.0.2.10 LEN=72 TTL=64 ID=0 PROTO=UDP SPT=53 DPT=40000 LEN=52 "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(syslog_rfc3164_sample),
		cmocka_unit_test(rsyslog_rfc3339_sample),
		cmocka_unit_test(dmesg_raw_sample),
		cmocka_unit_test(nftables_sample),
		cmocka_unit_test(ufw_sample),
		cmocka_unit_test(ulogd2_logemu_sample),
		cmocka_unit_test(other_wrappings),
		cmocka_unit_test(zone_and_dst),
		cmocka_unit_test(skipped_lines),
		cmocka_unit_test(bad_lines),
		cmocka_unit_test(crlf),
		cmocka_unit_test(tabs),
		cmocka_unit_test(hostile_sweep),
		cmocka_unit_test(sniffing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

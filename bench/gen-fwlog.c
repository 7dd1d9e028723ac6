/* gen-fwlog.c -- make a big kernel-LOG firewall log (and the matching netlife
 * trace) for the timeline benchmark: a busy gateway's drops from many hosts,
 * with the late segments of one BOINC client's connections among them.
 *
 * usage: gen-fwlog BYTES LOG TRACE
 * About one line in 100 is a late segment of one of the trace's 2000
 * connections; the rest are drops of unrelated hosts (scans, noise). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T0 1795723200L		/* 2026-11-26 20:00:00 UTC */
#define CONNS 2000

static unsigned long long rng = 88172645463325252ULL;

/* xorshift: fast and reproducible, nothing more is needed here. */
static unsigned long long next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: gen-fwlog BYTES LOG TRACE\n");
		return 2;
	}
	unsigned long long want = strtoull(argv[1], NULL, 10), written = 0;
	FILE *log = fopen(argv[2], "w"), *tr = fopen(argv[3], "w");
	if (!log || !tr) {
		perror("gen-fwlog");
		return 1;
	}
	static char buf[1 << 20];
	setvbuf(log, buf, _IOFBF, sizeof buf);
	long span = 86400;		/* one day of log */
	fprintf(tr, "#netlife-trace 1 t=%ld.000000 pid=1 ppid=1 exe=/usr/bin/boinc host=pc utc_offset=+0000 shim=0.1.0 continued=0\n", T0);
	for (int i = 0; i < CONNS; i++) {
		long t = T0 + (long)i * span / CONNS;
		int port = 33000 + i;
		fprintf(tr, "x t=%ld.100000 ev=established conn=%d fd=9 local=192.168.1.10:%d remote=198.51.100.20:80 t_connect=%ld.090000\n", t, i + 1, port, t);
		fprintf(tr, "x t=%ld.400000 ev=exchange_end exchange=%d kind=%s project=P method=GET url=http://198.51.100.20/f http=1.1 status=200 t_start=%ld.000000 outcome=completed conns=%d\n",
			t, i + 1, i % 3 ? "download" : "scheduler_rpc", t, i + 1);
		fprintf(tr, "x t=%ld.500000 ev=close conn=%d local=192.168.1.10:%d remote=198.51.100.20:80 close=%s unread=%d closed_first=client\n",
			t, i + 1, port, i % 2 ? "FIN" : "RST_UNREAD", i % 2 ? 0 : 4096);
	}
	fclose(tr);
	static const char *const flags[] = { "ACK", "ACK PSH", "ACK FIN", "RST", "ACK PSH FIN", "SYN" };
	static const char mon[] = "Nov";
	unsigned long long n = 0;
	while (written < want) {
		unsigned long long r = next_rand();
		long t = T0 + (long)(n * (unsigned long long)span / (want / 230 + 1));
		int ours = r % 100 == 0;
		int conn = (int)((unsigned long long)(t - T0) * CONNS / (unsigned long long)span);
		long tt = t + 3600;	/* the gateway logs local time, UTC+1 */
		int day = (int)((tt - 1795651200L) / 86400) + 26, hh = (int)(tt / 3600 % 24),
		    mm = (int)(tt / 60 % 60), ss = (int)(tt % 60);
		char src[32];
		int sport, dport;
		if (ours) {
			strcpy(src, "198.51.100.20");
			sport = 80;
			dport = 33000 + conn;
		} else {
			snprintf(src, sizeof src, "%u.%u.%u.%u", (unsigned)(r >> 8 & 255) | 1,
				 (unsigned)(r >> 16 & 255), (unsigned)(r >> 24 & 255), (unsigned)(r >> 32 & 255));
			sport = (int)(r >> 40 & 65535);
			dport = (int)(r >> 20 & 65535);
		}
		int len = fprintf(log, "%s %2d %02d:%02d:%02d gw kernel: [%6ld.%06ld] NEW not SYN? IN=eth1 OUT= "
				  "MAC=00:1b:21:3a:4c:5e:00:00:5e:00:01:0a:08:00 SRC=%s DST=203.0.113.1 LEN=52 "
				  "TOS=0x00 PREC=0x00 TTL=52 ID=%u DF PROTO=TCP SPT=%d DPT=%d WINDOW=501 RES=0x00 %s URGP=0\n",
				  mon, day, hh, mm, ss, (long)(n / 1000 % 100000), (long)(n % 1000000), src,
				  (unsigned)(r & 65535), sport, dport, flags[ours ? r / 100 % 3 : r % 6]);
		written += (unsigned long long)len;
		n++;
	}
	fclose(log);
	fprintf(stderr, "gen-fwlog: %llu lines, %llu bytes\n", n, written);
	return 0;
}

/* fuzz_pcap.c -- libFuzzer harness for the capture reader: the input is a
 * capture file (written to a private temporary file, since tl_pcap reads
 * paths), read to its end through tl_pcap_next; every segment must be
 * well-formed (terminated address texts that parse back, a payload length
 * an IP packet can have, annotations consistent). */
#include "config.h"
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "tl_pcap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An address text that is terminated and parses as IPv4 or IPv6. */
static int good_addr(const char *a)
{
	unsigned char bin[16];
	if (!memchr(a, '\0', TL_ADDR_MAX))
		return 0;
	return inet_pton(AF_INET, a, bin) == 1 || inet_pton(AF_INET6, a, bin) == 1;
}

/* One segment against what tl_pcap promises. */
static void check(const struct tl_segment *s)
{
	if (!good_addr(s->src) || !good_addr(s->dst) || !s->from_capture || s->t_res_us != 1 ||
	    !s->has_flags || !s->has_seq || !s->has_len || s->len > 65535 ||
	    s->t_us < 0 || (s->cap_after_client_close && !s->cap_client_close_flags) ||
	    (!s->cap_after_client_close && (s->cap_client_close_flags || s->cap_client_close_us)))
		abort();
}

static char path[512];

/* The temporary file goes with the process. */
static void remove_temp(void)
{
	unlink(path);
}

/* Input to file, file through tl_pcap, every segment checked. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024];
	if (!path[0]) {
		snprintf(path, sizeof path, "%s/fuzz_pcap.%ld", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
			 (long)getpid());
		atexit(remove_temp);
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, size, 1, f) != 1)
		abort();
	fclose(f);
	if (tl_pcap_sniff(data, size) != (size >= 4 && tl_pcap_sniff(data, 4)))
		abort();
	struct tl_pcap *p = tl_pcap_open(path, err, sizeof err);
	if (!p)
		return 0;
	struct tl_segment seg;
	uint64_t segments = 0;
	int r;
	while ((r = tl_pcap_next(p, &seg)) == 1) {
		check(&seg);
		segments++;
	}
	if (r == -1 && !tl_pcap_error(p)[0])
		abort();
	if (segments + tl_pcap_malformed(p) > tl_pcap_packets(p))
		abort();
	tl_pcap_close(p);
	return 0;
}

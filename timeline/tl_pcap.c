/* tl_pcap.c -- PLACEHOLDER: being written. */
#include "config.h"
#include <stdio.h>
#include "tl_pcap.h"

struct tl_pcap *tl_pcap_open(const char *path, char *err, size_t errsize)
{
	snprintf(err, errsize, "%s: packet captures are not supported yet", path);
	return NULL;
}
int tl_pcap_next(struct tl_pcap *p, struct tl_segment *seg) { (void)p; (void)seg; return 0; }
uint64_t tl_pcap_packets(const struct tl_pcap *p) { (void)p; return 0; }
uint64_t tl_pcap_malformed(const struct tl_pcap *p) { (void)p; return 0; }
void tl_pcap_close(struct tl_pcap *p) { (void)p; }
int tl_pcap_sniff(const unsigned char *head, size_t n) { (void)head; (void)n; return 0; }

/* tl_segment.h -- one TCP segment as a firewall log or a capture saw it:
 * the unit every firewall parser yields and the attribution consumes. */
#ifndef TL_SEGMENT_H
#define TL_SEGMENT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* TCP flag bits, the wire's own values. */
enum {
	TL_FIN = 0x01, TL_SYN = 0x02, TL_RST = 0x04, TL_PSH = 0x08,
	TL_ACK = 0x10, TL_URG = 0x20, TL_ECE = 0x40, TL_CWR = 0x80
};

/* What the record is. Most are segments; conntrack -E gives state events. */
enum tl_seg_kind {
	TL_KIND_SEGMENT = 0,	/* a TCP segment (dropped, logged or captured) */
	TL_KIND_CT_EVENT	/* a conntrack event: no flags, a state instead */
};

/* How much the source knows of the segment's fate. */
enum tl_verdict {
	TL_VERDICT_UNKNOWN = 0,	/* a capture or a log that does not say */
	TL_VERDICT_DROPPED,	/* blocked / dropped / rejected by the firewall */
	TL_VERDICT_PASSED	/* allowed / accepted (logged anyway) */
};

#define TL_ADDR_MAX 46		/* INET6_ADDRSTRLEN */
#define TL_LABEL_MAX 48

struct tl_segment {
	enum tl_seg_kind kind;
	int64_t t_us;		/* µs since the epoch, UTC, as the source's clock
				   says (the gateway's offset is not applied) */
	unsigned t_res_us;	/* the source's resolution: 1 (µs) ... 1000000 (s) */
	char src[TL_ADDR_MAX];	/* addresses as text, normalised (inet_ntop) */
	char dst[TL_ADDR_MAX];
	uint16_t sport, dport;
	uint8_t flags;		/* TL_FIN|... ; 0 with has_flags=0 if unknown */
	uint8_t has_flags, has_seq, has_ack, has_len, has_ipid;
	uint32_t seq, ack;	/* absolute when the source prints them absolute;
				   seq_relative=1 when relative (tcpdump without -S) */
	uint8_t seq_relative;
	uint32_t len;		/* TCP payload bytes */
	uint32_t ipid;
	enum tl_verdict verdict;
	char label[TL_LABEL_MAX]; /* what the log calls it: the LOG prefix
				   ("NEW not SYN?", "INVALID"), pf/filterlog
				   action, conntrack event+state ("DESTROY CLOSE_WAIT") */
	/* conntrack events only: the reply tuple (after NAT: dst = the
	   gateway's WAN address, dport = the port the server saw) and the
	   remaining timeout in seconds (-1 if the line has none). */
	char reply_dst[TL_ADDR_MAX];
	uint16_t reply_dport;
	int32_t ct_timeout_s;
	/* packet captures only (tl_pcap.c follows each flow): */
	uint8_t from_capture;
	uint8_t cap_after_client_close;	/* server segment after the client's
					   FIN or RST was seen in the capture */
	uint8_t cap_retransmit;		/* carries sequence space already seen */
	int64_t cap_client_close_us;	/* when the client's FIN/RST passed (0 = not seen) */
	uint8_t cap_client_close_flags;	/* TL_FIN or TL_RST */
};

/* Clear a segment for the next line: every field zero and every text
 * empty, without writing the texts' whole buffers (a firewall log's line
 * costs a few hundred nanoseconds; a 330-byte memset was a tenth of it). */
static inline void tl_segment_clear(struct tl_segment *s)
{
	memset(s, 0, offsetof(struct tl_segment, src));
	s->src[0] = s->dst[0] = '\0';
	memset(&s->sport, 0, offsetof(struct tl_segment, label) - offsetof(struct tl_segment, sport));
	s->label[0] = s->reply_dst[0] = '\0';
	memset(&s->reply_dport, 0, sizeof *s - offsetof(struct tl_segment, reply_dport));
}

/* Flags as the Linux LOG target prints them ("ACK PSH FIN"), into buf;
 * returns buf. Defined in tl_segment.c. */
const char *tl_flags_words(uint8_t flags, char *buf, unsigned size);
/* Flags as tcpdump letters ("F.", "P.", "R", "S."). */
const char *tl_flags_letters(uint8_t flags, char *buf, unsigned size);
/* Normalise an address text in place (inet_pton + inet_ntop): "::ffff:1.2.3.4"
 * stays as is, leading zeros in IPv6 go. Returns 0, or -1 if it is no address. */
int tl_addr_normalise(char *addr);

#endif

/* tl_attrib.h -- which connection, which exchange, and why: the join of a
 * firewall's segment with the traces, and the explanation of a late one. */
#ifndef TL_ATTRIB_H
#define TL_ATTRIB_H

#include <stddef.h>
#include <stdint.h>
#include "tl_model.h"
#include "tl_segment.h"

/* Causes (the ids of the JSONL "cause" field; docs/timeline-format.md). */
#define TL_CAUSE_RST_UNREAD	"rst_unread"
#define TL_CAUSE_LATE_DATA	"late_data"
#define TL_CAUSE_LATE_FIN	"late_fin"
#define TL_CAUSE_FIN_RETRANSMIT	"fin_retransmit"
#define TL_CAUSE_RST_ANSWER	"rst_answer"
#define TL_CAUSE_IDLE_CLOSED	"idle_closed"
#define TL_CAUSE_DATA_RETRANSMIT "data_retransmit"
#define TL_CAUSE_STATE_LOST	"state_lost"
#define TL_CAUSE_OUTBOUND	"client_segment"
#define TL_CAUSE_UNEXPLAINED	"unexplained"

/* What the dropped segments of one connection look like as a whole (from
 * one pass over them), so that each is explained in the light of the rest:
 * a FIN logged twice 3 s apart is a back-off retransmission, not a late one. */
struct tl_conn_drops {
	uint64_t inbound;
	int64_t t_first;		/* first inbound segment (host clock) */
	uint8_t first_flags;
	uint32_t first_len;
	int64_t t_fin1, t_fin2;		/* first two inbound FINs */
};

struct tl_attribution {
	int attributed, inbound;
	unsigned host;
	size_t conn;			/* index in the model */
	long exchange;			/* index, -1 if the connection carried none */
	long in_flight[4];		/* other exchanges open at that moment (HTTP/2) */
	unsigned n_in_flight;
	int64_t t_host;			/* the segment's time on the client's clock */
	int has_after_close;
	int64_t after_close_us;
	const char *cause;
	char explanation[512];
	char reason[256];		/* why it is not attributed */
};

/* Find the connection. offset_us: the source's clock minus the host's. */
void tl_attribute(const struct tl_model *m, const struct tl_segment *seg,
		  int64_t offset_us, struct tl_attribution *a);
/* Fold one attributed segment into its connection's drop picture. */
void tl_drops_add(struct tl_conn_drops *d, const struct tl_segment *seg,
		  const struct tl_attribution *a);
/* How long after the close, in words, honest about coarse stamps. */
const char *tl_delay_text(char *buf, size_t size, int64_t after_close_us, unsigned res_us);
/* Explain an attributed segment (sets cause and explanation). */
void tl_explain(const struct tl_model *m, const struct tl_conn_drops *drops,
		const struct tl_segment *seg, struct tl_attribution *a);

#endif

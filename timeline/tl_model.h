/* tl_model.h -- what the traces (or a patched client's "[conn]" lines) say:
 * hosts, connections, exchanges and the client's log lines. Memory grows
 * with connections and exchanges; the firewall logs are never held here. */
#ifndef TL_MODEL_H
#define TL_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "tl_segment.h"

enum tl_close_kind {
	TL_CLOSE_NOT_SEEN = 0,	/* the trace ends with the connection open */
	TL_CLOSE_FIN, TL_CLOSE_RST_UNREAD, TL_CLOSE_RST_LINGER0,
	TL_CLOSE_NONE, TL_CLOSE_UNKNOWN
};

struct tl_host {
	char label[64];
	unsigned runs;		/* client runs seen (conn ids restart per run) */
	int has_log_records;	/* the trace carries the client's log lines */
};

struct tl_conn {
	unsigned host, run;
	uint32_t id;
	char local[TL_ADDR_MAX], remote[TL_ADDR_MAX];
	uint16_t lport, rport;
	int64_t t_connect, t_established, t_close, t_peer_fin, t_peer_rst;
	int64_t t_last_recv, t_last_send;	/* from idle_*_ms at close; 0 = unknown */
	enum tl_close_kind close;
	uint64_t unread, unsent, sent, recv;
	int closed_first_server, failed;
	char state[16], history[48];
	uint32_t retrans, total_retrans;
	unsigned *xch, nxch, xch_cap;	/* exchanges carried (indices), by start */
	unsigned next_same_key;		/* index+1 of the next conn with the same ports */
};

struct tl_exchange {
	unsigned host, run;
	uint32_t id;
	char kind[16], method[8], http[4], outcome[12];
	char *project, *url;
	int status, reused;
	int64_t t_start, t_end;
	uint64_t sent, recv;
	uint32_t conn_ids[8];
	unsigned nconn;
	char *summary;		/* scheduler RPC: "reported=1 received=2 ..." or NULL */
};

struct tl_logrec {
	unsigned host;
	int from_evlog;		/* from an event-log file, not from a trace */
	int64_t t_us;
	unsigned t_res_us;
	char *text;		/* "[project] message" (no client stamp) */
};

struct tl_model {
	struct tl_host *hosts;
	unsigned nhosts;
	struct tl_conn *conns;
	size_t nconns, conns_cap;
	struct tl_exchange *xchs;
	size_t nxchs, xchs_cap;
	struct tl_logrec *logs;
	size_t nlogs, logs_cap;
	/* after tl_model_finish(): */
	unsigned *key_heads;	/* hash (remote, rport, lport) -> index+1 */
	size_t key_size;
	unsigned *server_heads;	/* hash remote address -> a conn index+1 */
	/* The few servers, for the per-segment "is it one of ours?" test. */
	const char *servers[16];
	size_t server_len[16];
	unsigned nservers;	/* > 16: use server_heads */
	int64_t t_min, t_max;	/* span of everything recorded */
	uint64_t bad_records;
};

void tl_model_init(struct tl_model *m);
void tl_model_free(struct tl_model *m);
/* The host with this label, created if new. */
unsigned tl_model_host(struct tl_model *m, const char *label);

/* Ingest one record ("k=v ..." after the stamp, or a [conn] message body).
 * host/run say whose; 0, or -1 with *error (the record is counted bad). */
int tl_model_record(struct tl_model *m, unsigned host, unsigned run, const char *p,
		    size_t n, const char **error);
/* Keep a client log line. */
struct tl_logrec *tl_model_log(struct tl_model *m, unsigned host, int64_t t_us, const char *text,
			      size_t n);

/* Link exchanges and connections, build the port index. Call once, after
 * all inputs are read. */
void tl_model_finish(struct tl_model *m);
/* First connection (index+1, 0 if none) from client port lport to remote:rport
 * (rport 0 = any), in t_connect order; walk with conns[i].next_same_key. */
unsigned tl_model_first(const struct tl_model *m, const char *remote, uint16_t rport,
			uint16_t lport);
/* 1 if some connection went to this server address. */
int tl_model_knows_server(const struct tl_model *m, const char *remote);
const char *tl_close_name(enum tl_close_kind k);

#endif

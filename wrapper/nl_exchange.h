/*
 * HTTP exchanges: one record per libcurl easy handle, living from the
 * first setopt to curl_easy_cleanup, and one exchange (a transfer: id,
 * kind, project, connections, outcome) at a time on it.  nl_curl.c feeds
 * it from libcurl's entry points and callbacks; this file decides what an
 * exchange was and writes its records.
 */
#ifndef NL_EXCHANGE_H
#define NL_EXCHANGE_H

#include <stddef.h>
#include <stdint.h>

#include "nl_logscan.h"

#define NL_XCHG_MAX	256	/* easy handles alive at once */
#define NL_XCHG_CONNS	8	/* connections listed per exchange */

enum nl_outcome {
	NL_OUT_COMPLETED,
	NL_OUT_FAILED,
	NL_OUT_ABORTED
};

/* What libcurl says at the end of a transfer (nl_curl.c fills it). */
struct nl_xchg_result {
	int		outcome;	/* enum nl_outcome */
	int		code;		/* CURLcode */
	const char	*error_text;	/* curl_easy_strerror(code) if failed */
	long		status;
	const char	*http;		/* "1.0", "1.1", "2", "3", "-" */
	const char	*method;	/* effective method, or NULL */
	uint64_t	sent;		/* request headers + body */
	uint64_t	recv;		/* response headers + body */
};

struct nl_sched_parser;

struct nl_xchg {
	void		*easy;		/* atomic: owner handle, NULL = free */
	uint32_t	id;		/* the exchange under way, 0 = none */
	int		done;		/* its end was reported */
	char		url[512];	/* redacted */
	char		method[16];	/* from the options */
	int		postfields;	/* the body is in memory (POSTFIELDS) */
	int64_t		t_start;
	uint32_t	conns[NL_XCHG_CONNS];
	uint8_t		n_conns;
	uint8_t		conns_more;
	uint8_t		reused;
	uint8_t		requests;	/* PREREQ calls */
	uint8_t		untracked_conns; /* requests on sockets not traced */
	int		body;		/* what the request body is */
	int		master_page;	/* the response looks like one */
	char		upload_name[128];
	char		sched_project[NL_PROJECT_MAX];
	char		master_project[NL_PROJECT_MAX];
	struct nl_sched_parser *req_xml;
	struct nl_sched_parser *reply_xml;
	uint32_t	in_sniffed;	/* response bytes looked at */
	uint32_t	out_sniffed;	/* request bytes looked at */
	/* The client's own callbacks, which ours call first (nl_curl.c). */
	void		*app_read;
	void		*app_read_data;
	void		*app_write;
	void		*app_write_data;
	void		*app_prereq;
	void		*app_prereq_data;
	int		chained;	/* our PREREQ is on the handle */
	int		chained_read;	/* our read callback is */
	int		chained_write;	/* our write callback is */
};

struct nl_xchg	*nl_xchg_of(void *easy, int create);
void		 nl_xchg_release(struct nl_xchg *);
void		 nl_xchg_start(struct nl_xchg *);
void		 nl_xchg_request(struct nl_xchg *, int remote_port,
		    int local_port);
void		 nl_xchg_body_out(struct nl_xchg *, const char *, size_t);
void		 nl_xchg_body_in(struct nl_xchg *, const char *, size_t);
void		 nl_xchg_end(struct nl_xchg *, const struct nl_xchg_result *);

#endif

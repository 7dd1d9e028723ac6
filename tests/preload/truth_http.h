/*
 * The little HTTP/1.1 the ground-truth server speaks: parse a request head,
 * decide the answer from the path, build the response bytes.
 *
 * Paths are prefixes followed by one resource:
 *   /close/...          answer with "Connection: close", then the server closes
 *   /delay/MS/...       answer MS milliseconds after the request
 *   /extra/N/MS/...     MS ms after the response, send N unsolicited bytes
 *   /child/...          a marker only (connections made by forked children)
 *   /bytes/N            resource: N bytes of body
 *   /echo               resource: the request body (POST)
 */
#ifndef NETLIFE_TESTS_TRUTH_HTTP_H
#define NETLIFE_TESTS_TRUTH_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "tbuf.h"

#define HTTP_TARGET_MAX	256

struct http_request {
	char method[16];
	char target[HTTP_TARGET_MAX];
	size_t head_len;	/* bytes up to and including the blank line */
	size_t content_length;
	bool conn_close;	/* the client asked for Connection: close */
	bool expect_continue;
	bool chunked;		/* unsupported: answered with 411 */
};

struct http_plan {
	int status;
	bool echo;		/* body is the request body */
	size_t body_len;	/* otherwise: this many pattern bytes */
	unsigned delay_ms;
	size_t extra_len;
	unsigned extra_delay_ms;
	bool close;
};

/* 1: a complete head was parsed, 0: need more bytes, -1: malformed. */
int http_parse_head(const char *buf, size_t len, struct http_request *req);

/* Decides the answer to req from its target and headers. */
void http_plan_for(const struct http_request *req, struct http_plan *plan);

/* Appends the whole response to out (body is the request body for echo). */
void http_build_response(const struct http_plan *plan, const char *body,
			 size_t body_len, struct tbuf *out);

#endif

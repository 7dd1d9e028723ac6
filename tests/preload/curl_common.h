/*
 * Shared by the libcurl test clients: a body counter, the body size the
 * ground-truth server will send for a URL, and per-connection bookkeeping
 * that ends as "expect port=P ..." lines for check_trace.py.
 */
#ifndef NETLIFE_TESTS_CURL_COMMON_H
#define NETLIFE_TESTS_CURL_COMMON_H

#include <curl/curl.h>
#include <stddef.h>

/* A transfer: its URL, POST body size (0: GET) and the body bytes received. */
struct xfer {
	const char *url;
	size_t post_len;
	char *post_body;
	size_t received;
};

/* What one connection (one local port) carried, as the client saw it. */
struct port_use {
	long port;
	unsigned transfers;
	unsigned idle_gaps;	/* >= 1 s idle, then reused */
};

/* Prepares h for x: URL, GET or POST, the body counter. */
void cc_setup(CURL *h, struct xfer *x);

/* Checks a finished transfer (status 200, body size); returns its local
 * port and sets *new_conn if it opened a connection. */
long cc_finish(CURL *h, CURLcode rc, const struct xfer *x, int *new_conn);

/* Counts a transfer on its connection; idle_before: it followed >= 1 s idle. */
void cc_note(struct port_use *uses, size_t *n_uses, size_t max, long port,
	     int new_conn, int idle_before);

/* Prints one expectation line per connection. */
void cc_print_expectations(const struct port_use *uses, size_t n_uses);

#endif

/* Helpers for the libcurl test clients (see curl_common.h). */
#include <config.h>

#include "curl_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libcurl's write callback: counts the body bytes, keeps none. */
static size_t count_body(char *data, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;

	(void)data;
	x->received += size * n;
	return size * n;
}

/* The body the server sends: the echo of a POST, or N for /bytes/N. */
static size_t expected_body(const struct xfer *x)
{
	const char *p = strstr(x->url, "/bytes/");

	if (x->post_len || !p)
		return x->post_len;
	return strtoul(p + 7, NULL, 10);
}

void cc_setup(CURL *h, struct xfer *x)
{
	curl_easy_setopt(h, CURLOPT_URL, x->url);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, count_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
	if (x->post_len) {
		x->post_body = malloc(x->post_len);
		if (!x->post_body)
			abort();
		memset(x->post_body, 'q', x->post_len);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, x->post_body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)x->post_len);
	} else {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	}
}

long cc_finish(CURL *h, CURLcode rc, const struct xfer *x, int *new_conn)
{
	long code = 0, port = 0, connects = 0;

	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_getinfo(h, CURLINFO_LOCAL_PORT, &port);
	curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &connects);
	printf("xfer url=%s post=%zu code=%ld body=%zu local_port=%ld new_conn=%ld\n",
	       x->url, x->post_len, code, x->received, port, connects);
	if (rc != CURLE_OK || code != 200 || x->received != expected_body(x)) {
		fprintf(stderr, "FAIL: %s: %s, status %ld, %zu body bytes (expected %zu)\n",
			x->url, curl_easy_strerror(rc), code, x->received, expected_body(x));
		exit(1);
	}
	*new_conn = connects > 0;
	return port;
}

void cc_note(struct port_use *uses, size_t *n_uses, size_t max, long port,
	     int new_conn, int idle_before)
{
	size_t i = *n_uses;

	/* A reused connection is the latest one on its port. */
	if (!new_conn)
		while (i > 0 && uses[i - 1].port != port)
			i--;
	if (!new_conn && i > 0) {
		uses[i - 1].transfers++;
		uses[i - 1].idle_gaps += idle_before != 0;
		return;
	}
	if (*n_uses == max) {
		fprintf(stderr, "FAIL: too many connections\n");
		exit(1);
	}
	uses[(*n_uses)++] = (struct port_use){.port = port, .transfers = 1};
}

void cc_print_expectations(const struct port_use *uses, size_t n_uses)
{
	for (size_t i = 0; i < n_uses; i++)
		printf("expect port=%ld server.requests=%u resumes=%u n_ev_resume=%u history_idles=%u\n",
		       uses[i].port, uses[i].transfers, uses[i].idle_gaps, uses[i].idle_gaps,
		       uses[i].idle_gaps);
	fflush(stdout);
}

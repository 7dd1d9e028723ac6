/*
 * curl_multi N ROUNDS URL: ROUNDS rounds of N concurrent transfers of URL
 * through one multi handle (non-blocking connects, one poll loop).  Round 1
 * opens N connections (the URL should delay its answer so that they
 * overlap); later rounds reuse them from the multi handle's cache, which
 * closes them at curl_multi_cleanup().
 */
#include <config.h>

#include "curl_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_PARALLEL 32

/* Runs the multi handle until every transfer is done; checks each one. */
static void run_round(CURLM *m, CURL **easy, struct xfer *xs, int n,
		      struct port_use *uses, size_t *n_uses, size_t max, int round)
{
	int running, new_in_round = 0;

	for (;;) {
		if (curl_multi_perform(m, &running) != CURLM_OK) {
			fprintf(stderr, "FAIL: curl_multi_perform\n");
			exit(1);
		}
		if (!running)
			break;
		if (curl_multi_poll(m, NULL, 0, 1000, NULL) != CURLM_OK) {
			fprintf(stderr, "FAIL: curl_multi_poll\n");
			exit(1);
		}
	}
	CURLMsg *msg;
	int left;
	while ((msg = curl_multi_info_read(m, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		int i = 0, new_conn;
		while (i < n && easy[i] != msg->easy_handle)
			i++;
		long port = cc_finish(msg->easy_handle, msg->data.result, &xs[i], &new_conn);
		cc_note(uses, n_uses, max, port, new_conn, 0);
		new_in_round += new_conn;
	}
	if (round == 1 && new_in_round != n) {
		fprintf(stderr, "FAIL: round 1 opened %d connections, not %d: not concurrent\n",
			new_in_round, n);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	if (argc != 4 || atoi(argv[1]) < 1 || atoi(argv[1]) > MAX_PARALLEL || atoi(argv[2]) < 1) {
		fprintf(stderr, "usage: curl_multi N(1-%d) ROUNDS URL\n", MAX_PARALLEL);
		return 2;
	}
	int n = atoi(argv[1]), rounds = atoi(argv[2]);
	struct port_use uses[MAX_PARALLEL * 4];
	size_t n_uses = 0;

	curl_global_init(CURL_GLOBAL_DEFAULT);
	CURLM *m = curl_multi_init();
	if (!m)
		return 1;
	printf("pid=%d\n", (int)getpid());
	for (int r = 1; r <= rounds; r++) {
		CURL *easy[MAX_PARALLEL];
		struct xfer xs[MAX_PARALLEL];
		for (int i = 0; i < n; i++) {
			xs[i] = (struct xfer){.url = argv[3]};
			easy[i] = curl_easy_init();
			if (!easy[i])
				return 1;
			cc_setup(easy[i], &xs[i]);
			curl_multi_add_handle(m, easy[i]);
		}
		run_round(m, easy, xs, n, uses, &n_uses, sizeof uses / sizeof uses[0], r);
		for (int i = 0; i < n; i++) {
			curl_multi_remove_handle(m, easy[i]);
			curl_easy_cleanup(easy[i]);
		}
	}
	curl_multi_cleanup(m);
	curl_global_cleanup();
	cc_print_expectations(uses, n_uses);
	return 0;
}

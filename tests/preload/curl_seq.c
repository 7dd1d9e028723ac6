/*
 * curl_seq [--fresh] ITEM...: sequential transfers with one reused easy
 * handle, so that libcurl keeps the connection alive between them unless
 * --fresh (CURLOPT_FORBID_REUSE) or the server says Connection: close.
 * An ITEM is a URL (GET), URL@N (POST of N bytes to an /echo URL), or
 * sleep:MS (idle between transfers; >= 1000 ms before a reused connection
 * must show up in the trace as a resume).
 */
#include <config.h>

#include "curl_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_ITEMS 64

/* Sleeps ms milliseconds. */
static void sleep_ms(unsigned long ms)
{
	struct timespec ts = {.tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) < 0)
		;
}

/* Splits "URL@N" into the URL and a POST size. */
static void parse_item(char *item, struct xfer *x)
{
	char *at = strrchr(item, '@');

	memset(x, 0, sizeof *x);
	x->url = item;
	if (at) {
		*at = '\0';
		x->post_len = strtoul(at + 1, NULL, 10);
	}
}

/* The program's own PREREQ callback: the shim must chain it, not replace it. */
static int count_prereq(void *data, char *remote_ip, char *local_ip,
			int remote_port, int local_port)
{
	(void)remote_ip; (void)local_ip; (void)remote_port; (void)local_port;
	++*(int *)data;
	return CURL_PREREQFUNC_OK;
}

int main(int argc, char **argv)
{
	static int prereq_calls;
	struct port_use uses[MAX_ITEMS];
	size_t n_uses = 0;
	int first = 1, idle = 0;

	if (argc > 1 && strcmp(argv[1], "--fresh") == 0)
		first = 2;
	if (argc <= first || argc - first > MAX_ITEMS) {
		fprintf(stderr, "usage: curl_seq [--fresh] URL|URL@N|sleep:MS...\n");
		return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	CURL *h = curl_easy_init();
	if (!h)
		return 1;
	curl_easy_setopt(h, CURLOPT_FORBID_REUSE, first == 2 ? 1L : 0L);
	curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, count_prereq);
	curl_easy_setopt(h, CURLOPT_PREREQDATA, &prereq_calls);
	printf("pid=%d\n", (int)getpid());
	for (int i = first; i < argc; i++) {
		if (strncmp(argv[i], "sleep:", 6) == 0) {
			unsigned long ms = strtoul(argv[i] + 6, NULL, 10);
			sleep_ms(ms);
			idle = ms >= 1000;
			continue;
		}
		struct xfer x;
		int new_conn;
		parse_item(argv[i], &x);
		cc_setup(h, &x);
		long port = cc_finish(h, curl_easy_perform(h), &x, &new_conn);
		cc_note(uses, &n_uses, MAX_ITEMS, port, new_conn, idle);
		idle = 0;
		free(x.post_body);
		x.post_body = NULL;
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
	}
	curl_easy_cleanup(h);
	curl_global_cleanup();
	printf("prereq_calls=%d\n", prereq_calls);
	cc_print_expectations(uses, n_uses);
	return 0;
}

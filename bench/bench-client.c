/*
 * bench-client: the libcurl client that the speed benchmarks time, with and
 * without the shim.
 *
 * It fetches URL COUNT times with one easy handle, discarding the body, and
 * prints how long the loop took (CLOCK_MONOTONIC, so process start-up and
 * the shim's set-up are not counted), the CPU time the process spent in it
 * (user + system: what a shim adds, without the scheduling noise of a
 * small machine) and how many body bytes came in.
 * "fresh" forces a new TCP connection per request, closed after it (like a
 * client that never reuses connections); "reuse" lets libcurl keep one.
 *
 * Usage: bench-client URL COUNT reuse|fresh
 * Output: elapsed_us=N cpu_us=N bytes=N requests=N
 */

#include "config.h"

#include <curl/curl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* Count and drop the body: the benchmark measures transport, not storage. */
static size_t
discard(char *data, size_t size, size_t nmemb, void *arg)
{
	uint64_t	*bytes = arg;

	(void)data;
	*bytes += (uint64_t)size * nmemb;
	return (size * nmemb);
}

/* Microseconds on the monotonic clock. */
static int64_t
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
}

/* User + system CPU microseconds of this process so far. */
static int64_t
cpu_us(void)
{
	struct rusage	ru;

	getrusage(RUSAGE_SELF, &ru);
	return ((int64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
	    ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

/*
 * Run one request and check that the whole advertised body arrived, so a
 * truncated transfer can never pass for a fast one.
 */
static int
fetch_once(CURL *curl, uint64_t *bytes)
{
	curl_off_t	length;
	long		status;
	uint64_t	before = *bytes;
	CURLcode	rc;

	if ((rc = curl_easy_perform(curl)) != CURLE_OK) {
		fprintf(stderr, "bench-client: %s\n", curl_easy_strerror(rc));
		return (-1);
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
	if (status != 200 || length < 0 ||
	    (uint64_t)length != *bytes - before) {
		fprintf(stderr, "bench-client: status %ld, %lld of %lld bytes\n",
		    status, (long long)(*bytes - before), (long long)length);
		return (-1);
	}
	return (0);
}

int
main(int argc, char **argv)
{
	CURL		*curl;
	uint64_t	 bytes = 0;
	int64_t		 start, start_cpu;
	long		 count, i;
	int		 fresh;

	if (argc != 4 || (count = strtol(argv[2], NULL, 10)) < 1 ||
	    (strcmp(argv[3], "fresh") != 0 && strcmp(argv[3], "reuse") != 0)) {
		fprintf(stderr, "usage: bench-client URL COUNT reuse|fresh\n");
		return (2);
	}
	fresh = strcmp(argv[3], "fresh") == 0;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 ||
	    (curl = curl_easy_init()) == NULL) {
		fprintf(stderr, "bench-client: libcurl init failed\n");
		return (1);
	}
	curl_easy_setopt(curl, CURLOPT_URL, argv[1]);
	curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &bytes);
	curl_easy_setopt(curl, CURLOPT_FRESH_CONNECT, (long)fresh);
	curl_easy_setopt(curl, CURLOPT_FORBID_REUSE, (long)fresh);

	start_cpu = cpu_us();
	start = now_us();
	for (i = 0; i < count; i++) {
		if (fetch_once(curl, &bytes) == -1)
			return (1);
	}
	printf("elapsed_us=%lld cpu_us=%lld bytes=%llu requests=%ld\n",
	    (long long)(now_us() - start), (long long)(cpu_us() - start_cpu),
	    (unsigned long long)bytes, count);

	curl_easy_cleanup(curl);
	curl_global_cleanup();
	return (0);
}

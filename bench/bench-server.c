/*
 * bench-server: the local HTTP/1.1 server of the libcurl benchmarks.
 *
 * It answers "GET /N" with N bytes streamed from one buffer in memory, so
 * that the server costs almost nothing next to the client being measured.
 * Connections are served one after another (the benchmarks run one client
 * at a time) and kept open until the client closes them.
 *
 * Usage: bench-server PORT-FILE [LIFETIME-SECONDS]
 * It writes the port it listens on (127.0.0.1) to PORT-FILE, then serves
 * until killed or until the lifetime (default 3600 s) runs out.
 */

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "loopback.h"

#define BODY_CHUNK	(1024 * 1024)
#define REQUEST_MAX	8192
#define IDLE_SECONDS	30

static char	body[BODY_CHUNK];

/*
 * Publish the port by writing a temporary file and renaming it, so that the
 * runner polling for the file never reads half a number.
 */
static int
write_port_file(const char *path, unsigned short port)
{
	char	 tmp[4096];
	FILE	*f;

	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
		return (-1);
	if ((f = fopen(tmp, "w")) == NULL)
		return (-1);
	fprintf(f, "%u\n", port);
	if (fclose(f) != 0)
		return (-1);
	return (rename(tmp, path));
}

/*
 * Read one request head (up to the blank line) into buf, keeping what came
 * after it for the next call.  Returns the head length, 0 at a clean end of
 * stream and -1 on errors or a head too long.
 */
static ssize_t
read_request(int fd, char *buf, size_t *have)
{
	char	*end;
	ssize_t	 n;

	for (;;) {
		buf[*have] = '\0';
		if ((end = strstr(buf, "\r\n\r\n")) != NULL)
			return (end + 4 - buf);
		if (*have == REQUEST_MAX)
			return (-1);
		n = recv(fd, buf + *have, REQUEST_MAX - *have, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == 0 && *have == 0)
			return (0);
		if (n <= 0)
			return (-1);
		*have += (size_t)n;
	}
}

/* Answer one request: the path is the number of body bytes wanted. */
static int
answer(int fd, const char *head)
{
	char		 hdr[256];
	uint64_t	 left;
	size_t		 chunk;
	int		 len;

	if (strncmp(head, "GET /", 5) != 0)
		return (-1);
	left = strtoull(head + 5, NULL, 10);
	len = snprintf(hdr, sizeof hdr, "HTTP/1.1 200 OK\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "Content-Length: %" PRIu64 "\r\n\r\n", left);
	if (send_all(fd, hdr, (size_t)len) == -1)
		return (-1);
	while (left > 0) {
		chunk = left < BODY_CHUNK ? (size_t)left : BODY_CHUNK;
		if (send_all(fd, body, chunk) == -1)
			return (-1);
		left -= chunk;
	}
	return (0);
}

/* Serve requests on one connection until the client closes it. */
static void
serve(int fd)
{
	struct timeval	tv = { IDLE_SECONDS, 0 };
	char		buf[REQUEST_MAX + 1];
	size_t		have = 0;
	ssize_t		head;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
	while ((head = read_request(fd, buf, &have)) > 0) {
		if (answer(fd, buf) == -1)
			break;
		have -= (size_t)head;
		memmove(buf, buf + head, have);
	}
	close(fd);
}

int
main(int argc, char **argv)
{
	unsigned short	port;
	unsigned int	lifetime = 3600;
	int		lfd, fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: bench-server PORT-FILE [SECONDS]\n");
		return (2);
	}
	if (argc == 3)
		lifetime = (unsigned int)strtoul(argv[2], NULL, 10);
	signal(SIGPIPE, SIG_IGN);
	alarm(lifetime);
	memset(body, 'x', sizeof body);
	if ((lfd = loopback_listen(&port)) == -1) {
		perror("bench-server: listen");
		return (1);
	}
	if (write_port_file(argv[1], port) == -1) {
		perror("bench-server: port file");
		return (1);
	}
	for (;;) {
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("bench-server: accept");
			return (1);
		}
		serve(fd);
	}
}

/* Raw-socket helpers for the preload test clients (see rawnet.h). */
#include <config.h>

#include "rawnet.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

void rn_die(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "FAIL: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (err)
		fprintf(stderr, " (%s)", strerror(err));
	fprintf(stderr, "\n");
	exit(1);
}

void rn_target(struct rn_target *t, const char *host, const char *port)
{
	char *end;
	unsigned long p = strtoul(port, &end, 10);

	memset(t, 0, sizeof *t);
	if (*end || p == 0 || p > 65535)
		rn_die("bad port '%s'", port);
	struct sockaddr_in *a4 = (struct sockaddr_in *)&t->addr;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&t->addr;
	if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons((unsigned short)p);
		t->addr_len = sizeof *a4;
	} else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((unsigned short)p);
		t->addr_len = sizeof *a6;
	} else {
		errno = 0;
		rn_die("bad numeric host '%s'", host);
	}
	t->family = t->addr.ss_family;
}

int rn_connect(const struct rn_target *t)
{
	int fd = socket(t->family, SOCK_STREAM, 0);

	if (fd < 0)
		rn_die("socket");
	if (connect(fd, (const struct sockaddr *)&t->addr, t->addr_len) < 0)
		rn_die("connect");
	return fd;
}

void rn_send_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n > 0) {
		ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			rn_die("send on fd %d", fd);
		c += w;
		n -= (size_t)w;
	}
}

void rn_send_get(int fd, const char *path)
{
	char req[512];
	int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: test\r\n\r\n", path);

	if (n < 0 || (size_t)n >= sizeof req)
		rn_die("path too long");
	rn_send_all(fd, req, (size_t)n);
}

/* Reads at least one byte into buf; dies on EOF or error (a response was due). */
static size_t recv_some(int fd, char *buf, size_t cap)
{
	for (;;) {
		ssize_t n = recv(fd, buf, cap, 0);
		if (n > 0)
			return (size_t)n;
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = 0;
		rn_die("recv on fd %d: %s", fd, n == 0 ? "EOF before the end of a response" : "error");
	}
}

/* The Content-Length of a complete head, or dies. */
static size_t content_length(const char *head)
{
	for (const char *p = strchr(head, '\n'); p; p = strchr(p, '\n')) {
		p++;
		if (strncasecmp(p, "Content-Length:", 15) == 0)
			return strtoul(p + 15, NULL, 10);
	}
	errno = 0;
	rn_die("response without Content-Length");
}

size_t rn_read_response(int fd)
{
	char head[8192];
	size_t len = 0;
	char *end;

	/* Byte by byte up to the blank line, so that no body byte is read early. */
	for (;;) {
		if (len + 1 >= sizeof head) {
			errno = 0;
			rn_die("response head too long");
		}
		len += recv_some(fd, head + len, 1);
		head[len] = '\0';
		end = strstr(head, "\r\n\r\n");
		if (end)
			break;
	}
	size_t body = content_length(head), total = len;
	char buf[65536];
	while (body > 0) {
		size_t n = recv_some(fd, buf, body < sizeof buf ? body : sizeof buf);
		body -= n;
		total += n;
	}
	return total;
}

size_t rn_get(int fd, const char *path)
{
	rn_send_get(fd, path);
	return rn_read_response(fd);
}

size_t rn_read_to_eof(int fd)
{
	char buf[65536];
	size_t total = 0;

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof buf, 0);
		if (n == 0)
			return total;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			rn_die("recv to EOF on fd %d", fd);
		total += (size_t)n;
	}
}

unsigned rn_local_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		rn_die("getsockname on fd %d", fd);
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

void rn_expect(int fd, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	/* One printf per line: threads print expectations too. */
	printf("expect port=%u %s\n", rn_local_port(fd), what);
	fflush(stdout);
}

void rn_sleep_ms(unsigned ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/*
 * raw_io HOST PORT: every way of moving bytes on one keep-alive connection
 * (write/read, writev/readv, sendmsg/recvmsg, sendto/recvfrom, send/recv,
 * a MSG_PEEK that must not count, a zero-length read that is not an EOF),
 * then large transfers on a second connection, then a connection reused
 * after idle gaps of more than 1 s (each must be one resume event and one
 * 'I').  The client counts its own calls and bytes and prints them as
 * expectations.
 */
#include <config.h>

#include "rawnet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#define IDLE_GAPS	3
#define IDLE_GAP_MS	1050

typedef ssize_t (*reader_fn)(int fd, char *buf, size_t len);
typedef ssize_t (*writer_fn)(int fd, const char *buf, size_t len);

/* What the client itself counted on one connection. */
struct tally {
	size_t sent, recv, send_calls, recv_calls, requests;
};

static ssize_t by_read(int fd, char *b, size_t n) { return read(fd, b, n); }
static ssize_t by_recv(int fd, char *b, size_t n) { return recv(fd, b, n, 0); }
static ssize_t by_write(int fd, const char *b, size_t n) { return write(fd, b, n); }
static ssize_t by_send(int fd, const char *b, size_t n)
{
	return send(fd, b, n, MSG_NOSIGNAL);
}

/* readv() into two halves: the shim must add up the vector. */
static ssize_t by_readv(int fd, char *b, size_t n)
{
	struct iovec iov[2] = {{b, n / 2}, {b + n / 2, n - n / 2}};

	return readv(fd, iov, 2);
}

/* recvmsg() into three pieces. */
static ssize_t by_recvmsg(int fd, char *b, size_t n)
{
	struct iovec iov[3] = {{b, n / 3}, {b + n / 3, n / 3}, {b + 2 * (n / 3), n - 2 * (n / 3)}};
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 3};

	return recvmsg(fd, &msg, 0);
}

/* recvfrom() with no address, as on a connected socket. */
static ssize_t by_recvfrom(int fd, char *b, size_t n)
{
	return recvfrom(fd, b, n, 0, NULL, NULL);
}

/* writev() of three pieces, the middle one empty. */
static ssize_t by_writev(int fd, const char *b, size_t n)
{
	struct iovec iov[3] = {{(char *)b, n / 2}, {(char *)b, 0}, {(char *)b + n / 2, n - n / 2}};

	return writev(fd, iov, 3);
}

/* sendmsg() of two pieces. */
static ssize_t by_sendmsg(int fd, const char *b, size_t n)
{
	struct iovec iov[2] = {{(char *)b, n / 2}, {(char *)b + n / 2, n - n / 2}};
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};

	return sendmsg(fd, &msg, MSG_NOSIGNAL);
}

/* sendto() with no address. */
static ssize_t by_sendto(int fd, const char *b, size_t n)
{
	return sendto(fd, b, n, MSG_NOSIGNAL, NULL, 0);
}

/* Sends a POST /echo of body_len bytes with one writer, counting calls. */
static void post_echo(int fd, writer_fn w, size_t body_len, struct tally *tl)
{
	char head[128];
	int hl = snprintf(head, sizeof head,
			  "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: %zu\r\n\r\n", body_len);
	size_t len = (size_t)hl + body_len;
	char *req = malloc(len);

	if (!req)
		rn_die("malloc");
	memcpy(req, head, (size_t)hl);
	memset(req + hl, 'p', body_len);
	for (size_t off = 0; off < len;) {
		ssize_t n = w(fd, req + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			rn_die("sending a request");
		off += (size_t)n;
		tl->send_calls++;
	}
	tl->sent += len;
	tl->requests++;
	free(req);
}

/* Reads one echo response (head + body_len) with one reader, counting calls. */
static void read_echo(int fd, reader_fn r, size_t body_len, struct tally *tl)
{
	char head[128];
	size_t total = (size_t)snprintf(head, sizeof head,
		"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
		"Content-Length: %zu\r\nConnection: keep-alive\r\n\r\n", body_len) + body_len;
	char *buf = malloc(total);

	if (!buf)
		rn_die("malloc");
	for (size_t got = 0; got < total;) {
		ssize_t n = r(fd, buf + got, total - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = 0;
			rn_die("reading a response (%zu of %zu bytes)", got, total);
		}
		got += (size_t)n;
		tl->recv_calls++;
	}
	if (memcmp(buf, "HTTP/1.1 200 OK", 15) != 0)
		rn_die("unexpected response: %.40s", buf);
	tl->recv += total;
	free(buf);
}

/* A MSG_PEEK (must not count) and a zero-length read (not an EOF) first. */
static void peek_then_read(int fd, size_t body_len, struct tally *tl)
{
	char peek[16];

	if (recv(fd, peek, sizeof peek, MSG_PEEK) <= 0)
		rn_die("recv MSG_PEEK");
	if (read(fd, peek, 0) != 0)
		rn_die("zero-length read");
	read_echo(fd, by_recv, body_len, tl);
}

/* Prints what the client counted, for the trace's close record. */
static void expect_tally(int fd, const struct tally *tl)
{
	rn_expect(fd, "fd=%d sent=%zu recv=%zu send_calls=%zu recv_calls=%zu "
		  "server.requests=%zu server.end=eof close=FIN unread=0 n_ev_peer_fin=0",
		  fd, tl->sent, tl->recv, tl->send_calls, tl->recv_calls, tl->requests);
}

int main(int argc, char **argv)
{
	struct rn_target t;
	struct tally small = {0}, large = {0};

	if (argc != 3)
		rn_die("usage: raw_io HOST PORT");
	rn_target(&t, argv[1], argv[2]);
	printf("pid=%d\n", (int)getpid());

	static const struct { writer_fn w; reader_fn r; size_t len; } pairs[] = {
		{by_write, by_read, 10}, {by_writev, by_readv, 2000},
		{by_sendmsg, by_recvmsg, 3001}, {by_sendto, by_recvfrom, 17},
		{by_send, by_recv, 0},
	};
	int s = rn_connect(&t);
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		post_echo(s, pairs[i].w, pairs[i].len, &small);
		read_echo(s, pairs[i].r, pairs[i].len, &small);
	}
	post_echo(s, by_send, 5, &small);
	peek_then_read(s, 5, &small);
	expect_tally(s, &small);
	close(s);

	/* Large bodies: partial reads and writes, many calls. */
	s = rn_connect(&t);
	post_echo(s, by_writev, 3000000, &large);
	read_echo(s, by_readv, 3000000, &large);
	post_echo(s, by_sendmsg, 1500000, &large);
	read_echo(s, by_recvmsg, 1500000, &large);
	expect_tally(s, &large);
	close(s);

	/* Idle gaps on a kept-alive connection, as a reused cached connection. */
	s = rn_connect(&t);
	size_t got = rn_get(s, "/bytes/100");
	for (int i = 0; i < IDLE_GAPS; i++) {
		rn_sleep_ms(IDLE_GAP_MS);
		got += rn_get(s, "/bytes/200");
	}
	/* The kernel's idle clock ticks in jiffies: only ">= 1 s" is exact. */
	rn_expect(s, "recv=%zu resumes=%d n_ev_resume=%d history_idles=%d idle_max_ms>=1000 "
		  "server.requests=%d", got, IDLE_GAPS, IDLE_GAPS, IDLE_GAPS, IDLE_GAPS + 1);
	close(s);
	return 0;
}

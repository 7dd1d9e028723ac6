/*
 * Helpers shared by the raw-socket test clients: blocking connects to the
 * ground-truth server, whole-request sends, whole-response reads, and the
 * "expect" lines the clients print for check_trace.py.
 *
 * The clients take HOST PORT as their first two arguments (HOST numeric,
 * 127.0.0.1 or ::1).
 */
#ifndef NETLIFE_TESTS_RAWNET_H
#define NETLIFE_TESTS_RAWNET_H

#include <stddef.h>
#include <sys/socket.h>

struct rn_target {
	struct sockaddr_storage addr;
	socklen_t addr_len;
	int family;
};

/* Fails the test: prints the message and errno (if set) and exits 1. */
void rn_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Parses numeric HOST and PORT into t. */
void rn_target(struct rn_target *t, const char *host, const char *port);

/* A blocking TCP socket connected to t. */
int rn_connect(const struct rn_target *t);

/* Sends all n bytes with send(). */
void rn_send_all(int fd, const void *p, size_t n);

/* Sends "GET path" (keep-alive). */
void rn_send_get(int fd, const char *path);

/* Reads one whole response (head and Content-Length body); returns its bytes. */
size_t rn_read_response(int fd);

/* rn_send_get, then rn_read_response. */
size_t rn_get(int fd, const char *path);

/* Reads until EOF (recv() returns 0); returns the bytes read. */
size_t rn_read_to_eof(int fd);

/* The local port of a connected socket. */
unsigned rn_local_port(int fd);

/* Prints "expect port=<local port of fd> <what>" for check_trace.py. */
void rn_expect(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Sleeps ms milliseconds. */
void rn_sleep_ms(unsigned ms);

#endif

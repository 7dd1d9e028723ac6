/*
 * bench-hotpath: the calls whose per-call cost the callgrind benchmark
 * counts.
 *
 * "socket" mode connects a TCP socket to a listener on 127.0.0.1 with
 * socket() + connect() (so a shim tracks it as a client connection; a
 * socketpair() would be AF_UNIX and untracked) and makes N send() and N
 * recv() calls of 1 byte on it, in turns of BATCH calls each way: BATCH
 * sends, the accepted end echoes the bytes, BATCH recvs.  A large BATCH
 * measures the steady state of a transfer; BATCH 1 makes every call a change
 * of direction, a shim's costlier path.
 * "pipe" mode does N rounds of write(1 byte) and read(1 byte) on a pipe: a
 * descriptor that is not a socket, which a shim must pass through cheaply.
 *
 * Each measured call is made from its own function (bench_send, bench_recv,
 * bench_write, bench_read) so that valgrind --tool=callgrind
 * --toggle-collect=bench_send counts exactly those calls and nothing else.
 * The echo on the accepted end is made outside them and never counted.
 *
 * Usage: bench-hotpath socket N BATCH | bench-hotpath pipe N
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "loopback.h"

/* noipa: keep each call in a function of exactly this name, never cloned. */
#define MEASURED	__attribute__((noipa))

MEASURED static ssize_t
bench_send(int fd, const char *byte)
{
	return (send(fd, byte, 1, 0));
}

MEASURED static ssize_t
bench_recv(int fd, char *byte)
{
	return (recv(fd, byte, 1, 0));
}

MEASURED static ssize_t
bench_write(int fd, const char *byte)
{
	return (write(fd, byte, 1));
}

MEASURED static ssize_t
bench_read(int fd, char *byte)
{
	return (read(fd, byte, 1));
}

/* Fail loudly: a benchmark of calls that failed would measure nothing. */
static void
check(int ok, const char *what)
{
	if (!ok) {
		perror(what);
		exit(1);
	}
}

/* N sends and N recvs on a tracked client socket, BATCH at a time. */
static void
run_socket(long n, long batch)
{
	unsigned short	port;
	char		echo[4096];
	int		lfd, cfd, sfd;
	long		done, i, turn;
	char		out, in;

	if (batch < 1 || batch > (long)sizeof echo) {
		fprintf(stderr, "bench-hotpath: BATCH must be 1..%zu\n",
		    sizeof echo);
		exit(2);
	}
	check((lfd = loopback_listen(&port)) != -1, "listen");
	check((cfd = loopback_connect(port)) != -1, "connect");
	check((sfd = accept(lfd, NULL, NULL)) != -1, "accept");
	for (done = 0; done < n; done += turn) {
		turn = n - done < batch ? n - done : batch;
		for (i = 0; i < turn; i++) {
			out = (char)(done + i);
			check(bench_send(cfd, &out) == 1, "send");
		}
		check(recv_exact(sfd, echo, (size_t)turn) == 0, "echo recv");
		check(send_all(sfd, echo, (size_t)turn) == 0, "echo send");
		for (i = 0; i < turn; i++) {
			check(bench_recv(cfd, &in) == 1 &&
			    in == (char)(done + i), "recv");
		}
	}
	close(sfd);
	close(cfd);
	close(lfd);
}

/* N write/read rounds on a pipe: a descriptor that is not a socket. */
static void
run_pipe(long n)
{
	char	out, in;
	int	p[2];
	long	i;

	check(pipe(p) == 0, "pipe");
	for (i = 0; i < n; i++) {
		out = (char)i;
		check(bench_write(p[1], &out) == 1, "write");
		check(bench_read(p[0], &in) == 1 && in == out, "read");
	}
	close(p[0]);
	close(p[1]);
}

int
main(int argc, char **argv)
{
	long	n;

	if (argc < 3 || (n = strtol(argv[2], NULL, 10)) < 1) {
		fprintf(stderr, "usage: bench-hotpath socket N BATCH | "
		    "bench-hotpath pipe N\n");
		return (2);
	}
	if (strcmp(argv[1], "socket") == 0 && argc == 4)
		run_socket(n, strtol(argv[3], NULL, 10));
	else if (strcmp(argv[1], "pipe") == 0 && argc == 3)
		run_pipe(n);
	else {
		fprintf(stderr, "bench-hotpath: bad arguments\n");
		return (2);
	}
	return (0);
}

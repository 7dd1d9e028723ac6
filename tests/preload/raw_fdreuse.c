/*
 * raw_fdreuse HOST PORT [HOST6 PORT6]: descriptor numbers used again.
 * A socket is closed and the next socket (or file, or UDP socket) gets the
 * same number; each TCP connection must stay its own conn with its own
 * bytes, and nothing done on the file or the UDP socket may count.  Last,
 * sockets closed by close_range(), and a program that closes every
 * descriptor above 2 (as daemons do): the trace must go on.
 */
#include <config.h>

#include "rawnet.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Dies unless fd got the number that was just freed. */
static void same_number(int fd, int want, const char *what)
{
	if (fd != want)
		rn_die("%s got fd %d, expected the freed number %d", what, fd, want);
}

/* One exchange of a given size on a fresh connection that must land on number want. */
static void exchange_on(const struct rn_target *t, int want, const char *path)
{
	int s = rn_connect(t);

	if (want >= 0)
		same_number(s, want, "connect");
	size_t got = rn_get(s, path);
	rn_expect(s, "fd=%d recv=%zu close=FIN server.requests=1", s, got);
	close(s);
}

/* Three connections moved to 200-202, then closed by one close_range(). */
static void closed_by_range(const struct rn_target *t)
{
	for (int i = 0; i < 3; i++) {
		int s = rn_connect(t);
		size_t got = rn_get(s, "/bytes/7777");
		if (dup2(s, 200 + i) != 200 + i)
			rn_die("dup2 to %d", 200 + i);
		close(s);
		rn_expect(200 + i, "fd=%d recv=%zu close=FIN server.end=eof", 200 + i, got);
	}
	if (close_range(200, 202, 0) < 0)
		rn_die("close_range");
}

/* Every descriptor above 2 closed, one by one and by close_range(); the
 * connections made after that must still be traced. */
static void closed_by_sweep(const struct rn_target *t)
{
	int s = rn_connect(t);
	size_t got = rn_get(s, "/bytes/8888");

	rn_expect(s, "fd=%d recv=%zu close=FIN", s, got);
	for (int fd = 3; fd < 1024; fd++)
		close(fd);
	exchange_on(t, -1, "/bytes/9999");
	if (close_range(3, ~0u, 0) < 0)
		rn_die("close_range");
	exchange_on(t, -1, "/bytes/1234");
}

int main(int argc, char **argv)
{
	struct rn_target t, t6;

	if (argc != 3 && argc != 5)
		rn_die("usage: raw_fdreuse HOST PORT [HOST6 PORT6]");
	rn_target(&t, argv[1], argv[2]);
	printf("pid=%d\n", (int)getpid());

	/* Find the number the sockets will get, then reuse it over and over. */
	int probe = rn_connect(&t);
	int n = probe;
	size_t got = rn_get(probe, "/bytes/1111");
	rn_expect(probe, "fd=%d recv=%zu close=FIN", probe, got);
	close(probe);
	exchange_on(&t, n, "/bytes/2222");

	/* A file on the same number: writes must not count as socket sends. */
	int f = open("/dev/null", O_WRONLY | O_CLOEXEC);
	same_number(f, n, "open");
	char junk[1000];
	memset(junk, 'j', sizeof junk);
	if (write(f, junk, sizeof junk) != (ssize_t)sizeof junk)
		rn_die("write /dev/null");
	close(f);
	exchange_on(&t, n, "/bytes/3333");

	/* A socket that never connects, then a UDP socket "connected" to the port. */
	int never = socket(t.family, SOCK_STREAM, 0);
	same_number(never, n, "socket");
	close(never);
	int udp = socket(t.family, SOCK_DGRAM, 0);
	same_number(udp, n, "udp socket");
	if (connect(udp, (const struct sockaddr *)&t.addr, t.addr_len) < 0)
		rn_die("udp connect");
	if (send(udp, junk, 100, 0) != 100)
		rn_die("udp send");
	close(udp);
	exchange_on(&t, n, "/bytes/4444");

	/* The other family on the same number. */
	if (argc == 5) {
		rn_target(&t6, argv[3], argv[4]);
		exchange_on(&t6, n, "/bytes/5555");
		exchange_on(&t, n, "/bytes/6666");
	}
	closed_by_range(&t);
	closed_by_sweep(&t);
	return 0;
}

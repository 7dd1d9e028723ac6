/*
 * raw_dup HOST PORT: duplicated descriptors.  Every connection here is used
 * through more than one descriptor; the shim must report exactly one close,
 * when the last descriptor goes, with all the bytes of all descriptors.
 * For each connection it prints "expect port=P fd=F ..." naming the
 * descriptor whose close was the last one.
 */
#include <config.h>

#include "rawnet.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* dup(): the original closes first, the copy carries the second request. */
static void via_dup(const struct rn_target *t)
{
	int s = rn_connect(t);

	rn_get(s, "/bytes/101");
	int d = dup(s);
	if (d < 0)
		rn_die("dup");
	close(s);
	rn_get(d, "/bytes/102");
	rn_expect(d, "fd=%d close=FIN server.requests=2 server.end=eof", d);
	close(d);
}

/* The copy closes first; the original is still the connection. */
static void via_dup_copy_first(const struct rn_target *t)
{
	int s = rn_connect(t);
	int d = dup(s);

	if (d < 0)
		rn_die("dup");
	rn_get(d, "/bytes/103");
	close(d);
	rn_get(s, "/bytes/104");
	rn_expect(s, "fd=%d close=FIN server.requests=2", s);
	close(s);
}

/* dup2() to a chosen number, dup3() with O_CLOEXEC, fcntl(F_DUPFD[_CLOEXEC]). */
static void via_numbered_copies(const struct rn_target *t)
{
	int s = rn_connect(t);

	rn_get(s, "/bytes/105");
	int a = dup2(s, 50);
	int b = dup3(s, 51, O_CLOEXEC);
	int c = fcntl(s, F_DUPFD, 60);
	int d = fcntl(s, F_DUPFD_CLOEXEC, 70);
	if (a != 50 || b != 51 || c < 60 || d < 70)
		rn_die("dup2/dup3/F_DUPFD gave %d %d %d %d", a, b, c, d);
	close(s);
	rn_get(a, "/bytes/106");
	close(a);
	rn_get(b, "/bytes/107");
	close(b);
	rn_get(d, "/bytes/108");
	close(d);
	rn_get(c, "/bytes/109");
	rn_expect(c, "fd=%d close=FIN server.requests=5", c);
	close(c);
}

/* dup2() onto a live socket closes that connection implicitly. */
static void via_dup2_over_socket(const struct rn_target *t)
{
	int a = rn_connect(t), b = rn_connect(t);

	rn_get(a, "/bytes/110");
	rn_get(b, "/bytes/111");
	rn_expect(b, "fd=%d close=FIN server.requests=1 server.end=eof", b);
	if (dup2(a, b) != b)
		rn_die("dup2 over a socket");
	rn_get(b, "/bytes/112");
	close(a);
	rn_expect(b, "fd=%d close=FIN server.requests=2", b);
	close(b);
}

/* dup2() of a file over a socket: the socket is gone, writes go to the file. */
static void via_file_over_socket(const struct rn_target *t)
{
	int s = rn_connect(t);
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);

	if (null < 0)
		rn_die("open /dev/null");
	rn_get(s, "/bytes/113");
	rn_expect(s, "fd=%d close=FIN server.requests=1", s);
	if (dup2(null, s) != s)
		rn_die("dup2 /dev/null over a socket");
	if (write(s, "not for the socket", 18) != 18)
		rn_die("write to /dev/null");
	close(s);
	close(null);
}

/* Five copies closed out of order; the last close names the descriptor. */
static void via_many_copies(const struct rn_target *t)
{
	int fds[6];

	fds[0] = rn_connect(t);
	for (int i = 1; i < 6; i++)
		if ((fds[i] = dup(fds[0])) < 0)
			rn_die("dup");
	static const int order[] = {2, 0, 5, 1, 4};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		rn_get(fds[order[i]], "/bytes/114");
		close(fds[order[i]]);
	}
	rn_get(fds[3], "/bytes/115");
	rn_expect(fds[3], "fd=%d close=FIN server.requests=6", fds[3]);
	close(fds[3]);
}

int main(int argc, char **argv)
{
	struct rn_target t;

	if (argc != 3)
		rn_die("usage: raw_dup HOST PORT");
	rn_target(&t, argv[1], argv[2]);
	printf("pid=%d\n", (int)getpid());
	via_dup(&t);
	via_dup_copy_first(&t);
	via_numbered_copies(&t);
	via_dup2_over_socket(&t);
	via_file_over_socket(&t);
	via_many_copies(&t);
	return 0;
}

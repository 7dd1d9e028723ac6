/*
 * raw_close HOST PORT MODE...: the ways a connection ends, one connection
 * per MODE, in the order given:
 *   clean      read the whole response, close: the kernel sends a FIN
 *   unread     the server sends unsolicited bytes after the response; the
 *              client closes without reading them: the kernel sends a RST
 *   linger0    SO_LINGER {1, 0}, then close: a RST
 *   shutdown   shutdown(SHUT_WR) after the request, read to EOF, a send
 *              that fails (EPIPE: our own shutdown), close
 *   peerclose  a Connection: close answer read to EOF, then close
 *   open       one request, then the connection is left open: the process
 *              exits with it (the shim writes its established record at exit)
 * Each prints the expectations that follow from what the client did.
 */
#include <config.h>

#include "rawnet.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define UNREAD_BYTES	777
#define EXTRA_DELAY_MS	200

/* Reads everything, closes: FIN, and the server sees EOF. */
static void mode_clean(const struct rn_target *t)
{
	int s = rn_connect(t);
	size_t got = rn_get(s, "/bytes/4000");

	rn_sleep_ms(EXTRA_DELAY_MS + 300);	/* as long as "unread" waits */
	rn_expect(s, "recv=%zu close=FIN unread=0 history~F server.end=eof server.unsolicited=0",
		  got);
	close(s);
}

/* Leaves unsolicited bytes unread at close: RST, the server sees a reset. */
static void mode_unread(const struct rn_target *t)
{
	char path[64];
	int s = rn_connect(t);

	snprintf(path, sizeof path, "/extra/%d/%d/bytes/4000", UNREAD_BYTES, EXTRA_DELAY_MS);
	size_t got = rn_get(s, path);
	rn_sleep_ms(EXTRA_DELAY_MS + 300);	/* the extra bytes are in by now */
	rn_expect(s, "recv=%zu close=RST_UNREAD unread=@server.unsolicited unread>=1 history~R "
		  "server.end=reset server.error=ECONNRESET", got);
	close(s);
}

/* SO_LINGER 0: close() resets even with nothing unread. */
static void mode_linger0(const struct rn_target *t)
{
	int s = rn_connect(t);
	size_t got = rn_get(s, "/bytes/300");
	struct linger lg = {.l_onoff = 1, .l_linger = 0};

	if (setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) < 0)
		rn_die("SO_LINGER");
	rn_expect(s, "recv=%zu close=RST_LINGER0 linger=on:0 unread=0 history~R "
		  "server.end=reset server.error=ECONNRESET", got);
	close(s);
}

/*
 * Half-close after the request; the server answers, then sees our FIN as EOF.
 * Once both FINs are through, the socket is already closed: close() sends
 * nothing.  A send() then fails with EPIPE because of our own shutdown: no
 * reset came from the server.
 */
static void mode_shutdown(const struct rn_target *t)
{
	int s = rn_connect(t);

	rn_send_get(s, "/bytes/500");
	if (shutdown(s, SHUT_WR) < 0)
		rn_die("shutdown");
	size_t got = rn_read_to_eof(s);
	if (send(s, "x", 1, MSG_NOSIGNAL) != -1 || errno != EPIPE)
		rn_die("send after shutdown: expected EPIPE");
	rn_expect(s, "recv=%zu close=NONE n_ev_shutdown=1 shutdown.how=WR history~H "
		  "n_ev_peer_fin=1 history~f closed_first=server n_ev_peer_rst=0 "
		  "server.end=eof", got);
	close(s);
}

/* The server closes first; recv() sees its FIN. */
static void mode_peerclose(const struct rn_target *t)
{
	int s = rn_connect(t);

	rn_send_get(s, "/close/bytes/600");
	size_t got = rn_read_to_eof(s);
	rn_expect(s, "recv=%zu close=FIN unread=0 n_ev_peer_fin=1 history~f "
		  "closed_first=server server.end=server_close server.after=eof", got);
	close(s);
}

/* Left open: exit() finds it open (the kernel closes it after the shim's exit). */
static void mode_open(const struct rn_target *t)
{
	int s = rn_connect(t);

	rn_get(s, "/bytes/200");
	printf("open port=%u\n", rn_local_port(s));
	fflush(stdout);
}

int main(int argc, char **argv)
{
	static const struct { const char *name; void (*run)(const struct rn_target *); } modes[] = {
		{"clean", mode_clean}, {"unread", mode_unread}, {"linger0", mode_linger0},
		{"shutdown", mode_shutdown}, {"peerclose", mode_peerclose},
		{"open", mode_open},
	};
	struct rn_target t;

	if (argc < 4)
		rn_die("usage: raw_close HOST PORT MODE...");
	rn_target(&t, argv[1], argv[2]);
	printf("pid=%d\n", (int)getpid());
	for (int i = 3; i < argc; i++) {
		size_t m = 0;
		while (m < sizeof modes / sizeof modes[0] && strcmp(modes[m].name, argv[i]) != 0)
			m++;
		if (m == sizeof modes / sizeof modes[0])
			rn_die("unknown mode '%s'", argv[i]);
		modes[m].run(&t);
	}
	return 0;
}

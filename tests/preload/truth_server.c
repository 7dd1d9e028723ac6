/*
 * truth_server: the ground truth for the preload tests.
 *
 * A single-threaded poll() server on 127.0.0.1 and [::1] (port 0 each) that
 * speaks the small HTTP/1.1 of truth_http.h.  On startup it prints
 * "port4=N port6=M" (M is "-" without IPv6).  When a connection ends it
 * writes one line to the log:
 *
 *   conn peer=127.0.0.1:40000 local=127.0.0.1:35000 rx=120 tx=4200
 *        requests=2 unsolicited=0 end=eof after=- error=- first=/bytes/10
 *        t_open=... t_end=...
 *
 * rx/tx are the bytes read from / written to the socket; end is what ended
 * it first: eof (the client's FIN), reset (an error such as ECONNRESET on
 * read or write, named in error= with the call in reset_on=), server_close
 * (a Connection: close answer was sent and the server shut down its side;
 * after= then tells what the client did: eof, reset or timeout) or
 * server_exit (still open at exit).  It exits on SIGTERM/SIGINT or after
 * --lifetime seconds, first giving open connections a moment to end.
 */
#include <config.h>

#include "tbuf.h"
#include "truth_http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS	1024
#define LINGER_MS	5000	/* wait for the client after a server close */
#define DRAIN_MS	2000	/* at exit, wait this long for open connections */
#define ADDR_LEN	(INET6_ADDRSTRLEN + 8)

enum end_kind { END_OPEN, END_EOF, END_RESET, END_SERVER_CLOSE, END_SERVER_EXIT,
		END_TIMEOUT };

static const char *const end_names[] = {
	[END_OPEN] = "-", [END_EOF] = "eof", [END_RESET] = "reset",
	[END_SERVER_CLOSE] = "server_close", [END_SERVER_EXIT] = "server_exit",
	[END_TIMEOUT] = "timeout",
};

struct conn {
	int fd;
	char peer[ADDR_LEN], local[ADDR_LEN];
	uint64_t rx, tx, unsolicited;
	unsigned requests;
	char first[HTTP_TARGET_MAX];
	double t_open;
	struct tbuf in, out;
	struct tbuf pending;		/* a delayed response */
	int64_t pending_due;		/* monotonic ms, -1: none */
	size_t extra_len;
	unsigned extra_delay_ms;
	int64_t extra_due;		/* -1: none */
	bool close_after;		/* shut down once out is written */
	bool continue_sent;		/* "100 Continue" sent for this request */
	bool peer_eof, wr_shut;
	int64_t linger_due;
	enum end_kind end, after;
	int error;
	const char *reset_on;
};

static volatile sig_atomic_t stop_requested;
static struct conn *conns[MAX_CONNS];
static size_t n_conns;
static FILE *log_file;

/* Milliseconds on the monotonic clock, for timers. */
static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wall-clock seconds, for the log (comparable with the trace's t=). */
static double wall_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Stops the main loop; the loop then drains and exits. */
static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* Formats an address as the trace does: IPv4:port or [IPv6]:port. */
static void format_addr(const struct sockaddr_storage *ss, char *out, size_t len)
{
	char host[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
		inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
		snprintf(out, len, "[%s]:%u", host, ntohs(a->sin6_port));
	} else {
		const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
		inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
		snprintf(out, len, "%s:%u", host, ntohs(a->sin_port));
	}
}

/* Opens a listener on the loopback of one family; -1 if that family is absent. */
static int listen_on(int family, unsigned *port)
{
	struct sockaddr_storage ss = {0};
	socklen_t len;
	int one = 1;
	int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (family == AF_INET6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
		len = sizeof *a;
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;
		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof *a;
	}
	if (bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, 128) < 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &len) < 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
					 : ((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

/* Takes every pending connection from a listener. */
static void accept_all(int lfd)
{
	for (;;) {
		struct sockaddr_storage peer, local;
		socklen_t plen = sizeof peer, llen = sizeof local;
		int fd = accept4(lfd, (struct sockaddr *)&peer, &plen,
				 SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0)
			return;
		if (n_conns == MAX_CONNS) {
			fprintf(stderr, "truth_server: too many connections\n");
			close(fd);
			continue;
		}
		struct conn *c = calloc(1, sizeof *c);
		if (!c)
			abort();
		c->fd = fd;
		c->pending_due = c->extra_due = c->linger_due = -1;
		c->t_open = wall_now();
		strcpy(c->first, "-");
		getsockname(fd, (struct sockaddr *)&local, &llen);
		format_addr(&peer, c->peer, sizeof c->peer);
		format_addr(&local, c->local, sizeof c->local);
		conns[n_conns++] = c;
	}
}

/* Records the first thing that ended the connection (later ones go to after=). */
static void mark_end(struct conn *c, enum end_kind kind, int error, const char *on)
{
	if (c->end == END_OPEN) {
		c->end = kind;
		c->error = error;
		c->reset_on = on;
	} else if (c->after == END_OPEN) {
		c->after = kind;
		if (!c->error)
			c->error = error;
		if (!c->reset_on)
			c->reset_on = on;
	}
}

/* Writes the connection's ground-truth line and frees it. */
static void finish(size_t i)
{
	struct conn *c = conns[i];

	fprintf(log_file,
		"conn peer=%s local=%s rx=%" PRIu64 " tx=%" PRIu64 " requests=%u"
		" unsolicited=%" PRIu64 " end=%s after=%s error=%s reset_on=%s"
		" first=%s t_open=%.6f t_end=%.6f\n",
		c->peer, c->local, c->rx, c->tx, c->requests, c->unsolicited,
		end_names[c->end], end_names[c->after],
		c->error ? strerrorname_np(c->error) : "-",
		c->reset_on ? c->reset_on : "-", c->first, c->t_open, wall_now());
	fflush(log_file);
	close(c->fd);
	tbuf_free(&c->in);
	tbuf_free(&c->out);
	tbuf_free(&c->pending);
	free(c);
	conns[i] = conns[--n_conns];
}

/* Starts the response timer for the unsolicited bytes, once the answer is queued. */
static void queue_response(struct conn *c, struct tbuf *resp, int64_t now)
{
	tbuf_append(&c->out, tbuf_head(resp), tbuf_size(resp));
	tbuf_consume(resp, tbuf_size(resp));
	if (c->extra_len)
		c->extra_due = now + c->extra_delay_ms;
}

/* Parses and answers as many complete requests as the input holds, in order. */
static void serve_requests(struct conn *c, int64_t now)
{
	while (c->pending_due < 0 && !c->close_after && !c->wr_shut) {
		struct http_request req;
		struct http_plan plan;
		int r = http_parse_head(tbuf_head(&c->in), tbuf_size(&c->in), &req);

		if (r == 0)
			return;
		if (r < 0) {
			http_plan_for(&(struct http_request){.chunked = true}, &plan);
			http_build_response(&plan, NULL, 0, &c->out);
			c->close_after = true;
			tbuf_consume(&c->in, tbuf_size(&c->in));
			return;
		}
		if (tbuf_size(&c->in) < req.head_len + req.content_length) {
			if (req.expect_continue && !c->continue_sent) {
				tbuf_appendf(&c->out, "HTTP/1.1 100 Continue\r\n\r\n");
				c->continue_sent = true;
			}
			return;
		}
		c->continue_sent = false;
		c->requests++;
		if (c->requests == 1)
			snprintf(c->first, sizeof c->first, "%s", req.target);
		http_plan_for(&req, &plan);
		http_build_response(&plan, tbuf_head(&c->in) + req.head_len,
				    req.content_length, &c->pending);
		/* One line per request: the ground truth for exchanges. */
		fprintf(log_file, "req peer=%s n=%u target=%s in=%zu out=%zu\n",
			c->peer, c->requests, req.target,
			req.head_len + req.content_length, tbuf_size(&c->pending));
		fflush(log_file);
		tbuf_consume(&c->in, req.head_len + req.content_length);
		c->close_after = plan.close;
		c->extra_len = plan.extra_len;
		c->extra_delay_ms = plan.extra_delay_ms;
		if (plan.delay_ms)
			c->pending_due = now + plan.delay_ms;
		else
			queue_response(c, &c->pending, now);
	}
}

/* Reads all that is available; notes EOF and resets. */
static void do_read(struct conn *c)
{
	char buf[65536];

	for (;;) {
		ssize_t n = recv(c->fd, buf, sizeof buf, 0);
		if (n > 0) {
			c->rx += (uint64_t)n;
			if (!c->wr_shut)
				tbuf_append(&c->in, buf, (size_t)n);
			continue;
		}
		if (n == 0) {
			if (!c->peer_eof)
				mark_end(c, END_EOF, 0, NULL);
			c->peer_eof = true;
		} else if (errno != EAGAIN && errno != EINTR) {
			mark_end(c, END_RESET, errno, "read");
		}
		return;
	}
}

/* Writes what the output queue holds. */
static void do_write(struct conn *c)
{
	while (tbuf_size(&c->out) > 0) {
		ssize_t n = send(c->fd, tbuf_head(&c->out), tbuf_size(&c->out),
				 MSG_NOSIGNAL);
		if (n > 0) {
			c->tx += (uint64_t)n;
			tbuf_consume(&c->out, (size_t)n);
			continue;
		}
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			mark_end(c, END_RESET, errno, "write");
		return;
	}
}

/* Fires the connection's timers: delayed responses, unsolicited bytes, linger. */
static void run_timers(struct conn *c, int64_t now)
{
	if (c->pending_due >= 0 && now >= c->pending_due) {
		c->pending_due = -1;
		queue_response(c, &c->pending, now);
	}
	if (c->extra_due >= 0 && now >= c->extra_due) {
		c->extra_due = -1;
		if (!c->peer_eof && !c->wr_shut) {
			tbuf_fill(&c->out, 'X', c->extra_len);
			c->unsolicited += c->extra_len;
		}
	}
	if (c->linger_due >= 0 && now >= c->linger_due)
		mark_end(c, END_TIMEOUT, 0, NULL);
}

/* True once nothing more will happen on the connection; shuts down when asked. */
static bool advance(struct conn *c, int64_t now)
{
	bool idle_out = tbuf_size(&c->out) == 0 && c->pending_due < 0;

	if (c->end == END_RESET || c->after != END_OPEN)
		return true;
	if (c->close_after && idle_out && !c->wr_shut) {
		shutdown(c->fd, SHUT_WR);
		c->wr_shut = true;
		c->linger_due = now + LINGER_MS;
		mark_end(c, END_SERVER_CLOSE, 0, NULL);
		if (c->peer_eof)
			mark_end(c, END_EOF, 0, NULL);
	}
	return c->peer_eof && idle_out;
}

/* The poll() timeout: until the nearest timer, capped by the deadline. */
static int poll_timeout(int64_t now, int64_t deadline)
{
	int64_t next = deadline;

	for (size_t i = 0; i < n_conns; i++) {
		const struct conn *c = conns[i];
		const int64_t t[] = {c->pending_due, c->extra_due, c->linger_due};
		for (size_t k = 0; k < 3; k++)
			if (t[k] >= 0 && t[k] < next)
				next = t[k];
	}
	return next <= now ? 0 : (int)(next - now);
}

/* One round: poll, accept, read, answer, write, end what is over. */
static void loop_once(const int *lfds, size_t n_lfds, int64_t deadline)
{
	struct pollfd pfds[2 + MAX_CONNS];
	size_t n = 0;
	int64_t now = now_ms();

	for (size_t i = 0; i < n_lfds; i++)
		pfds[n++] = (struct pollfd){.fd = lfds[i], .events = POLLIN};
	for (size_t i = 0; i < n_conns; i++)
		pfds[n++] = (struct pollfd){
			.fd = conns[i]->fd,
			.events = (short)((conns[i]->peer_eof ? 0 : POLLIN) |
					  (tbuf_size(&conns[i]->out) ? POLLOUT : 0)),
		};
	if (poll(pfds, n, poll_timeout(now, deadline)) < 0 && errno != EINTR) {
		perror("truth_server: poll");
		exit(1);
	}
	now = now_ms();
	size_t polled = n_conns;	/* accept_all appends after these */
	for (size_t i = 0; i < n_lfds; i++)
		if (pfds[i].revents)
			accept_all(lfds[i]);
	for (size_t i = 0; i < polled; i++) {
		struct conn *c = conns[i];
		if (pfds[n_lfds + i].revents & (POLLIN | POLLHUP | POLLERR))
			do_read(c);
		run_timers(c, now);
		serve_requests(c, now);
		do_write(c);
	}
	for (size_t i = n_conns; i-- > 0;)
		if (advance(conns[i], now))
			finish(i);
}

/* Parses the options: --log FILE (required), --lifetime SECONDS. */
static void parse_args(int argc, char **argv, const char **log_path, int *lifetime)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--log") == 0 && i + 1 < argc) {
			*log_path = argv[++i];
		} else if (strcmp(argv[i], "--lifetime") == 0 && i + 1 < argc) {
			*lifetime = atoi(argv[++i]);
		} else {
			fprintf(stderr, "usage: truth_server --log FILE [--lifetime SECONDS]\n");
			exit(2);
		}
	}
	if (!*log_path || *lifetime <= 0) {
		fprintf(stderr, "truth_server: --log is required, --lifetime > 0\n");
		exit(2);
	}
}

int main(int argc, char **argv)
{
	const char *log_path = NULL;
	int lifetime = 120;
	unsigned port4 = 0, port6 = 0;

	parse_args(argc, argv, &log_path, &lifetime);
	log_file = fopen(log_path, "a");
	if (!log_file) {
		perror(log_path);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);

	int lfds[2];
	size_t n_lfds = 0;
	int fd4 = listen_on(AF_INET, &port4), fd6 = listen_on(AF_INET6, &port6);
	if (fd4 < 0) {
		perror("truth_server: 127.0.0.1");
		return 1;
	}
	lfds[n_lfds++] = fd4;
	if (fd6 >= 0) {
		lfds[n_lfds++] = fd6;
		printf("port4=%u port6=%u\n", port4, port6);
	} else {
		printf("port4=%u port6=-\n", port4);
	}
	fflush(stdout);

	int64_t deadline = now_ms() + (int64_t)lifetime * 1000;
	while (!stop_requested && now_ms() < deadline)
		loop_once(lfds, n_lfds, deadline);

	/* Stop accepting; let clients that just exited finish their goodbyes. */
	for (size_t i = 0; i < n_lfds; i++)
		close(lfds[i]);
	deadline = now_ms() + DRAIN_MS;
	while (n_conns > 0 && now_ms() < deadline)
		loop_once(lfds, 0, deadline);
	while (n_conns > 0) {
		mark_end(conns[n_conns - 1], END_SERVER_EXIT, 0, NULL);
		finish(n_conns - 1);
	}
	fclose(log_file);
	return 0;
}

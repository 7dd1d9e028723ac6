/*
 * scheduler: the test rig's fake BOINC project scheduler.
 *
 *   scheduler -p PORT -u MASTER_URL -l LOG [-w WORK_XML -k PUBKEY]
 *             [-H HOSTID] [-x EXTRA_XML] [-b ADDRESS] [-T BYTES] [-L MS]
 *
 * A tiny iterative HTTP/1.0 server on 127.0.0.1:PORT (-b: another local
 * IPv4 address, for the firewall rig's clients to reach it directly).
 * nginx serves the
 * project's files itself and proxies POST /cgi here, one request per
 * connection.  Every request gets a <scheduler_reply>; the work in
 * WORK_XML (a fragment holding one or more jobs) is handed out once, to the
 * first request that asks for work, with the code-signing key PUBKEY unless
 * the client already holds one.  A new host (hostid 0 in the request) is
 * given HOSTID (default 1).  The XML fragment in EXTRA_XML (account and
 * preference items, say) goes into every reply as it is.
 *
 * The log is ground truth for the tests: one line per request with the
 * time, the client's address and port as nginx saw them (X-Real-IP and
 * X-Client-Port; without them, as this server saw them), the sizes, and
 * what was asked and answered.
 *
 * Misbehaviour, for the firewall rig (tests/fwrig/): with -T or -L each
 * reply is sent by a child process, so that the server keeps answering:
 *   -T BYTES  after the reply, BYTES more past its Content-Length (the
 *             client stops reading at the end of the reply);
 *   -L MS     after the reply, wait for the client to close its side,
 *             then MS milliseconds more before closing ours (a late FIN);
 * and the child logs one "after=" line per connection: what it sent past
 * the reply, when the client closed, when it closed.  A request
 * carries the account's authenticator, and EXTRA_XML may hold more
 * secrets: neither is ever written anywhere.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MAX_REQUEST	(4 * 1024 * 1024)	/* a sched_request is ~6 KB */
#define IO_TIMEOUT_S	10
/* Keeps the client from making RPCs on its own; a user "update" ignores it. */
#define REQUEST_DELAY_S	3600
#define SCHEDULER_VERSION	720

struct config {
	const char *master_url;
	char *work_xml;		/* NULL: no work to hand out */
	char *code_sign_key;
	char *extra_xml;	/* NULL: nothing more in each reply */
	long new_hostid;
	FILE *log;
	struct in_addr bind_addr;
	size_t tail_bytes;	/* -T: bytes sent past the reply */
	long linger_ms;		/* -L: delay of our close after the client's; -1: none */
	int listen_fd;		/* closed in children: only the server listens */
};

/* The other end of a connection, as text, for the log. */
struct peer {
	char ip[INET_ADDRSTRLEN];
	char port[8];
};

/* A growable, always NUL-terminated byte buffer. */
struct buf {
	char *data;
	size_t len, cap;
};

/* What one request asked and what the reply said, for the log. */
struct rpc_summary {
	long hostid;
	double work_req_s;
	int reported;
	int jobs_sent;
	int key_sent;
};

/* Exit with a message: the rig cannot run without its scheduler. */
static void die(const char *what)
{
	fprintf(stderr, "scheduler: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Make room for n more bytes plus the terminating NUL. */
static void buf_reserve(struct buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;

	while (cap < b->len + n + 1)
		cap *= 2;
	if (cap != b->cap) {
		b->data = realloc(b->data, cap);
		if (!b->data)
			die("realloc");
		b->cap = cap;
	}
}

static void buf_append(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

/* Append formatted text; replies are built from a handful of these. */
static void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Read a whole file (the work fragment, the public key) into memory. */
static char *slurp(const char *path)
{
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		die(path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	buf_reserve(&b, 0);
	return b.data;
}

/*
 * The value of header `name` (case-insensitive) in the head_len bytes of
 * a request head, or "-" if absent.
 */
static void header_value(const char *head, size_t head_len, const char *name,
			 char *out, size_t size)
{
	size_t name_len = strlen(name);
	const char *line = strstr(head, "\r\n");

	snprintf(out, size, "-");
	for (; line && line < head + head_len; line = strstr(line + 2, "\r\n")) {
		const char *p = line + 2;

		if (strncasecmp(p, name, name_len) != 0 || p[name_len] != ':')
			continue;
		p += name_len + 1;
		p += strspn(p, " \t");
		snprintf(out, size, "%.*s", (int)strcspn(p, "\r\n"), p);
		return;
	}
}

/*
 * Read one request: the head up to the blank line, then Content-Length
 * bytes of body.  On success the body starts at req->data + *head_len.
 */
static int read_request(int fd, struct buf *req, size_t *head_len)
{
	char *end = NULL, length[32];
	size_t want = 0;

	while (!end || req->len < *head_len + want) {
		ssize_t n;

		if (req->len >= MAX_REQUEST)
			return -1;
		buf_reserve(req, 16384);
		n = recv(fd, req->data + req->len, 16384, 0);
		if (n <= 0)
			return -1;
		req->len += (size_t)n;
		req->data[req->len] = '\0';
		if (!end && (end = strstr(req->data, "\r\n\r\n")) != NULL) {
			*head_len = (size_t)(end - req->data) + 4;
			header_value(req->data, *head_len, "Content-Length",
				     length, sizeof length);
			want = strtoul(length, NULL, 10);
		}
	}
	return 0;
}

/* The number inside the first <tag>...</tag> of the request, or dflt. */
static double xml_number(const char *body, const char *tag, double dflt)
{
	const char *p = strstr(body, tag);

	return p ? strtod(p + strlen(tag), NULL) : dflt;
}

/* Acknowledge every reported result so the client can forget it. */
static int ack_reported_results(struct buf *reply, const char *body)
{
	const char *p = body;
	int count = 0;

	while ((p = strstr(p, "<result>")) != NULL) {
		const char *name = strstr(p, "<name>");
		const char *end = name ? strstr(name, "</name>") : NULL;

		if (!end)
			break;
		name += strlen("<name>");
		buf_printf(reply, "<result_ack>\n    <name>%.*s</name>\n"
			   "</result_ack>\n", (int)(end - name), name);
		count++;
		p = end;
	}
	return count;
}

/* Build the <scheduler_reply> for one request. */
static void build_reply(struct buf *reply, const char *body,
			struct config *cfg, struct rpc_summary *sum)
{
	sum->hostid = (long)xml_number(body, "<hostid>", 0);
	sum->work_req_s = xml_number(body, "<work_req_seconds>", 0);

	buf_printf(reply, "<scheduler_reply>\n"
		   "<scheduler_version>%d</scheduler_version>\n"
		   "<master_url>%s</master_url>\n"
		   "<project_name>netlife test project</project_name>\n"
		   "<request_delay>%d</request_delay>\n",
		   SCHEDULER_VERSION, cfg->master_url, REQUEST_DELAY_S);
	/* A hostid sent again would make the client change its host CPID. */
	if (sum->hostid == 0)
		buf_printf(reply, "<hostid>%ld</hostid>\n", cfg->new_hostid);
	if (cfg->extra_xml)
		buf_puts(reply, cfg->extra_xml);
	sum->reported = ack_reported_results(reply, body);
	if (cfg->work_xml && sum->work_req_s > 0) {
		/* The first key is accepted unchecked; a second one is not. */
		if (!strstr(body, "<code_sign_key>")) {
			buf_printf(reply, "<code_sign_key>\n%s</code_sign_key>\n",
				   cfg->code_sign_key);
			sum->key_sent = 1;
		}
		buf_puts(reply, cfg->work_xml);
		for (const char *p = cfg->work_xml;
		     (p = strstr(p, "<workunit>")) != NULL; p++)
			sum->jobs_sent++;
		free(cfg->work_xml);
		cfg->work_xml = NULL;
	} else {
		buf_puts(reply, "<message priority=\"low\">No work available"
			 "</message>\n");
	}
	buf_puts(reply, "</scheduler_reply>\n");
}

static int send_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, data, len, MSG_NOSIGNAL);

		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Send a complete HTTP/1.0 response; the connection closes after it. */
static int send_response(int fd, int status, const struct buf *body)
{
	char head[256];
	int n = snprintf(head, sizeof head,
			 "HTTP/1.0 %d %s\r\nContent-Type: text/xml\r\n"
			 "Content-Length: %zu\r\nConnection: close\r\n\r\n",
			 status, status == 200 ? "OK" : "Not Found", body->len);

	return send_all(fd, head, (size_t)n) ||
	       send_all(fd, body->data ? body->data : "", body->len);
}

/* Seconds and microseconds since the epoch, like the trace's t=. */
static void log_time(FILE *log)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	fprintf(log, "t=%lld.%06ld", (long long)tv.tv_sec, (long)tv.tv_usec);
}

/* Milliseconds on a clock that only moves forward, to time the aftermath. */
static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * -T: keep sending filler past the reply's Content-Length, as a broken
 * server would, until BYTES are out or the client resets the connection.
 * Returns the bytes sent; *err gets the errno that stopped it (0: none).
 */
static size_t send_tail(int fd, size_t bytes, int *err)
{
	static const char line[] = "<!-- bytes past Content-Length -->\n";
	char chunk[16384];
	size_t sent = 0;

	for (size_t i = 0; i < sizeof chunk; i++)
		chunk[i] = line[i % (sizeof line - 1)];
	*err = 0;
	while (sent < bytes) {
		size_t want = bytes - sent < sizeof chunk ? bytes - sent : sizeof chunk;
		ssize_t n = send(fd, chunk, want, MSG_NOSIGNAL);

		if (n <= 0) {
			*err = n < 0 ? errno : 0;
			break;
		}
		sent += (size_t)n;
	}
	return sent;
}

/*
 * -L: wait until the client closes its side (read returns 0), discarding
 * anything it still sends.  Returns the milliseconds waited, or -1 if the
 * connection failed or the wait timed out (SO_RCVTIMEO) first.
 */
static long long wait_for_client_close(int fd)
{
	long long start = now_ms();
	char sink[4096];

	for (;;) {
		ssize_t n = recv(fd, sink, sizeof sink, 0);

		if (n == 0)
			return now_ms() - start;
		if (n < 0 && errno != EINTR)
			return -1;
	}
}

/*
 * In a child process: the reply, then the misbehaviour asked for, then
 * one log line saying what happened; the parent goes back to accept().
 */
static void misbehave(int fd, int status, const struct buf *reply,
		      const struct config *cfg, const struct peer *peer)
{
	size_t tail_sent = 0;
	long long eof_ms = -1, t0;
	int err = 0, ok;

	ok = send_response(fd, status, reply) == 0;
	t0 = now_ms();
	if (ok && cfg->tail_bytes)
		tail_sent = send_tail(fd, cfg->tail_bytes, &err);
	if (ok && cfg->linger_ms >= 0) {
		eof_ms = wait_for_client_close(fd);
		if (eof_ms >= 0)
			usleep((useconds_t)cfg->linger_ms * 1000);
	}
	close(fd);
	log_time(cfg->log);
	fprintf(cfg->log, " after=%s peer=%s:%s reply=%s tail_sent=%zu"
		" tail_error=%s client_closed_ms=%lld closed_ms=%lld\n",
		cfg->tail_bytes ? "tail" : "linger", peer->ip, peer->port,
		ok ? "ok" : "failed", tail_sent, err ? strerror(err) : "-",
		eof_ms, now_ms() - t0);
}

/*
 * Send the reply: here, or (-T, -L) from a child that then misbehaves;
 * *child tells the caller which process it is in (the child frees what
 * it has and exits).  Returns whether the reply went out; "forked" when a
 * child sends it.
 */
static const char *reply_and_close(int fd, int status, const struct buf *reply,
				   const struct config *cfg,
				   const struct peer *peer, int *child)
{
	pid_t pid;

	*child = 0;
	if (!cfg->tail_bytes && cfg->linger_ms < 0) {
		int ok = send_response(fd, status, reply) == 0;

		close(fd);
		return ok ? "ok" : "failed";
	}
	fflush(cfg->log);
	pid = fork();
	if (pid == 0) {
		*child = 1;
		close(cfg->listen_fd);
		misbehave(fd, status, reply, cfg, peer);
		return "child";
	}
	close(fd);
	return pid > 0 ? "forked" : "failed";
}

/*
 * Serve one connection (proxied, or straight from a client) and log it;
 * never logs the request body.  Closes fd.
 */
static void serve(int fd, struct config *cfg, const struct peer *peer)
{
	struct buf req = { 0 }, reply = { 0 };
	struct rpc_summary sum = { 0 };
	char ip[64], port[16];
	size_t head_len = 0;
	int status = 404, child;
	const char *sent;

	if (read_request(fd, &req, &head_len) != 0) {
		close(fd);
		log_time(cfg->log);
		fprintf(cfg->log, " error=bad_request bytes=%zu\n", req.len);
		free(req.data);
		return;
	}
	header_value(req.data, head_len, "X-Real-IP", ip, sizeof ip);
	header_value(req.data, head_len, "X-Client-Port", port, sizeof port);
	if (strcmp(ip, "-") == 0 && strcmp(port, "-") == 0) {
		snprintf(ip, sizeof ip, "%s", peer->ip);
		snprintf(port, sizeof port, "%s", peer->port);
	}
	if (strncmp(req.data, "POST /cgi ", 10) == 0) {
		status = 200;
		build_reply(&reply, req.data + head_len, cfg, &sum);
	}
	sent = reply_and_close(fd, status, &reply, cfg, peer, &child);
	if (child) {
		free(req.data);
		free(reply.data);
		fflush(cfg->log);
		_exit(0);
	}
	log_time(cfg->log);
	fprintf(cfg->log, " client=%s:%s status=%d request_body=%zu"
		" reply_body=%zu hostid=%ld work_req_s=%.0f reported=%d"
		" jobs_sent=%d code_sign_key=%s sent=%s request_delay=%d"
		" scheduler_version=%d\n", ip, port, status,
		req.len - head_len, reply.len, sum.hostid, sum.work_req_s,
		sum.reported, sum.jobs_sent, sum.key_sent ? "sent" : "no",
		sent, status == 200 ? REQUEST_DELAY_S : 0,
		status == 200 ? SCHEDULER_VERSION : 0);
	free(req.data);
	free(reply.data);
}

/* Listen on addr:port. */
static int listen_on(struct in_addr addr, int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_port = htons((uint16_t)port),
				  .sin_addr = addr };
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
	    bind(fd, (struct sockaddr *)&sa, sizeof sa) || listen(fd, 16))
		die("listen");
	return fd;
}

static void usage(const char *argv0)
{
	fprintf(stderr, "usage: %s -p PORT -u MASTER_URL -l LOG "
		"[-w WORK_XML -k PUBKEY] [-H HOSTID] [-x EXTRA_XML]\n"
		"       [-b ADDRESS] [-T BYTES] [-L MS]\n", argv0);
	exit(2);
}

int main(int argc, char **argv)
{
	struct config cfg = { .new_hostid = 1, .linger_ms = -1,
			      .bind_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct timeval timeout = { .tv_sec = IO_TIMEOUT_S };
	const char *log_path = NULL, *work = NULL, *key = NULL, *extra = NULL;
	int opt, port = 0, lfd;

	while ((opt = getopt(argc, argv, "p:u:l:w:k:H:x:b:T:L:")) != -1) {
		switch (opt) {
		case 'p': port = atoi(optarg); break;
		case 'u': cfg.master_url = optarg; break;
		case 'l': log_path = optarg; break;
		case 'w': work = optarg; break;
		case 'k': key = optarg; break;
		case 'H': cfg.new_hostid = atol(optarg); break;
		case 'x': extra = optarg; break;
		case 'b':
			if (inet_pton(AF_INET, optarg, &cfg.bind_addr) != 1)
				usage(argv[0]);
			break;
		case 'T': cfg.tail_bytes = strtoul(optarg, NULL, 10); break;
		case 'L': cfg.linger_ms = atol(optarg); break;
		default: usage(argv[0]);
		}
	}
	if (port <= 0 || !cfg.master_url || !log_path || !work != !key ||
	    cfg.new_hostid <= 0 || cfg.linger_ms < -1)
		usage(argv[0]);
	cfg.log = fopen(log_path, "a");
	if (!cfg.log)
		die(log_path);
	setvbuf(cfg.log, NULL, _IOLBF, 0);
	if (work) {
		cfg.work_xml = slurp(work);
		cfg.code_sign_key = slurp(key);
	}
	if (extra)
		cfg.extra_xml = slurp(extra);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, SIG_IGN);	/* misbehaving children reap themselves */
	lfd = cfg.listen_fd = listen_on(cfg.bind_addr, port);
	log_time(cfg.log);
	fprintf(cfg.log, " listening=%s:%d\n", inet_ntoa(cfg.bind_addr), port);
	for (;;) {
		struct sockaddr_in sa;
		socklen_t sa_len = sizeof sa;
		struct peer peer;
		int fd = accept(lfd, (struct sockaddr *)&sa, &sa_len);

		if (fd < 0) {
			if (errno == EINTR)
				continue;
			die("accept");
		}
		inet_ntop(AF_INET, &sa.sin_addr, peer.ip, sizeof peer.ip);
		snprintf(peer.port, sizeof peer.port, "%u", ntohs(sa.sin_port));
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
		serve(fd, &cfg, &peer);
	}
}

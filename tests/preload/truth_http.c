/* Request parsing and response building for the ground-truth server. */
#include <config.h>

#include "truth_http.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BODY_MAX	(64u << 20)
#define DELAY_MAX	60000u

/* Finds the blank line ending a head; returns its length or 0. */
static size_t head_length(const char *buf, size_t len)
{
	for (size_t i = 3; i < len; i++)
		if (buf[i - 3] == '\r' && buf[i - 2] == '\n' &&
		    buf[i - 1] == '\r' && buf[i] == '\n')
			return i + 1;
	return 0;
}

/* True if the header line [p, end) is "name:"; *value gets the trimmed value. */
static bool header_is(const char *p, const char *end, const char *name,
		      const char **value, size_t *value_len)
{
	size_t n = strlen(name);

	if ((size_t)(end - p) <= n || strncasecmp(p, name, n) != 0 || p[n] != ':')
		return false;
	p += n + 1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*value = p;
	*value_len = (size_t)(end - p);
	return true;
}

/* Reads the headers the server cares about from one header line. */
static int parse_header_line(const char *p, const char *end,
			     struct http_request *req)
{
	const char *v;
	size_t vlen;

	if (header_is(p, end, "Content-Length", &v, &vlen)) {
		char num[32];
		char *stop;

		if (vlen == 0 || vlen >= sizeof num)
			return -1;
		memcpy(num, v, vlen);
		num[vlen] = '\0';
		errno = 0;
		unsigned long long n = strtoull(num, &stop, 10);
		if (errno || *stop || n > BODY_MAX)
			return -1;
		req->content_length = (size_t)n;
	} else if (header_is(p, end, "Connection", &v, &vlen)) {
		req->conn_close = vlen == 5 && strncasecmp(v, "close", 5) == 0;
	} else if (header_is(p, end, "Expect", &v, &vlen)) {
		req->expect_continue = vlen == 12 &&
				       strncasecmp(v, "100-continue", 12) == 0;
	} else if (header_is(p, end, "Transfer-Encoding", &v, &vlen)) {
		req->chunked = true;
	}
	return 0;
}

int http_parse_head(const char *buf, size_t len, struct http_request *req)
{
	size_t head = head_length(buf, len);

	if (head == 0)
		return len > 65536 ? -1 : 0;
	memset(req, 0, sizeof *req);
	req->head_len = head;

	const char *end = buf + head - 2;	/* the final CRLF */
	const char *eol = memchr(buf, '\r', (size_t)(end - buf));
	const char *sp1 = memchr(buf, ' ', (size_t)(eol - buf));
	if (!sp1)
		return -1;
	const char *sp2 = memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1));
	if (!sp2)
		return -1;
	size_t mlen = (size_t)(sp1 - buf), tlen = (size_t)(sp2 - sp1 - 1);
	if (mlen == 0 || mlen >= sizeof req->method || tlen == 0 ||
	    tlen >= sizeof req->target)
		return -1;
	memcpy(req->method, buf, mlen);
	memcpy(req->target, sp1 + 1, tlen);

	for (const char *p = eol + 2; p < end;) {
		const char *next = memchr(p, '\r', (size_t)(end - p));
		if (!next)
			return -1;
		if (parse_header_line(p, next, req) < 0)
			return -1;
		p = next + 2;
	}
	return 1;
}

/* Reads "N" at *p up to '/' or the end; advances *p past it. */
static bool take_number(const char **p, unsigned long max, unsigned long *out)
{
	char *stop;

	if (**p < '0' || **p > '9')
		return false;
	errno = 0;
	unsigned long n = strtoul(*p, &stop, 10);
	if (errno || n > max || (*stop != '/' && *stop != '\0'))
		return false;
	*out = n;
	*p = stop;
	return true;
}

/* Consumes a literal prefix such as "/delay/". */
static bool take(const char **p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(*p, lit, n) != 0)
		return false;
	*p += n;
	return true;
}

/* Walks the modifier prefixes, then the resource; false if unknown. */
static bool plan_path(const char *p, struct http_plan *plan)
{
	unsigned long n, ms;

	for (;;) {
		if (take(&p, "/close/")) {
			plan->close = true;
			p--;
		} else if (take(&p, "/child/")) {
			p--;
		} else if (take(&p, "/delay/")) {
			if (!take_number(&p, DELAY_MAX, &ms))
				return false;
			plan->delay_ms = (unsigned)ms;
		} else if (take(&p, "/extra/")) {
			if (!take_number(&p, BODY_MAX, &n) || !take(&p, "/") ||
			    !take_number(&p, DELAY_MAX, &ms))
				return false;
			plan->extra_len = n;
			plan->extra_delay_ms = (unsigned)ms;
		} else {
			break;
		}
	}
	if (take(&p, "/bytes/"))
		return take_number(&p, BODY_MAX, &n) && *p == '\0' &&
		       (plan->body_len = n, true);
	if (strcmp(p, "/echo") == 0)
		return plan->echo = true;
	return false;
}

void http_plan_for(const struct http_request *req, struct http_plan *plan)
{
	memset(plan, 0, sizeof *plan);
	plan->status = 200;
	if (req->chunked) {
		plan->status = 411;
	} else if (!plan_path(req->target, plan)) {
		memset(plan, 0, sizeof *plan);
		plan->status = 404;
	}
	if (req->conn_close || plan->status != 200)
		plan->close = true;
	if (plan->status != 200)
		plan->body_len = 0;
}

/* The reason phrase for the few statuses the server uses. */
static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 404: return "Not Found";
	case 411: return "Length Required";
	default: return "Error";
	}
}

void http_build_response(const struct http_plan *plan, const char *body,
			 size_t body_len, struct tbuf *out)
{
	size_t len = plan->echo ? body_len : plan->body_len;

	tbuf_appendf(out, "HTTP/1.1 %d %s\r\nContent-Type: application/octet-stream\r\n"
		     "Content-Length: %zu\r\nConnection: %s\r\n\r\n",
		     plan->status, reason(plan->status), len,
		     plan->close ? "close" : "keep-alive");
	if (plan->echo)
		tbuf_append(out, body, body_len);
	else
		tbuf_fill(out, 'a', len);
}

/*
 * Log-line redaction: every URL loses its user info and query values
 * (nl_url_redact), every Cookie/Set-Cookie/Authorization header its
 * value, and every element that holds a secret its text.  What is left
 * is what a volunteer needs: which exchange, which host, what happened.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "nl_redact.h"
#include "nl_url.h"

/* Headers whose whole value is a secret (matched without case). */
static const char *const nl_secret_headers[] = {
	"cookie:", "set-cookie:", "authorization:", "proxy-authorization:"
};

/*
 * Elements whose content is a secret or identifies the volunteer (BOINC's
 * names: account files, scheduler requests and replies, proxy settings).
 * With http_debug the client logs reply bodies line by line, so an element
 * may open on one log line and close lines later (preferences).
 */
static const char *const nl_secret_tags[] = {
	"authenticator", "account_key", "cross_project_id", "email_hash",
	"host_cpid", "passwd_hash", "password_hash", "gui_rpc_password",
	"opaque", "client_opaque", "email_addr", "http_user_name",
	"http_user_passwd", "socks5_user_name", "socks5_user_passwd",
	"signing_key", "hostid", "userid", "teamid", "user_name", "team_name",
	"external_cpid", "host_venue", "project_preferences",
	"global_preferences", "domain_name", "ip_addr", "mac_address",
	"stderr_out"
};

/*
 * The secret element still open at the end of the last line, or -1, and
 * for how many more lines to believe it (a line that opens an element and
 * never closes it must not hide the rest of the log).
 */
#define NL_SECRET_LINES	256
static int	nl_open_secret = -1;
static int	nl_open_lines;

struct nl_out {
	char	*buf;
	size_t	 len, size;
};

/* Append n bytes if they fit (one byte is kept for a NUL). */
static void
nl_out_put(struct nl_out *o, const char *s, size_t n)
{
	if (o->len + n >= o->size)
		n = o->len + 1 < o->size ? o->size - o->len - 1 : 0;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

/* Does a URL start at p ("scheme://", the scheme made of letters)? */
static size_t
nl_url_at(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && (isalpha((unsigned char)*q) || *q == '+' ||
	    *q == '-' || *q == '.'))
		q++;
	if (q == p || end - q < 3 || memcmp(q, "://", 3) != 0 ||
	    !isalpha((unsigned char)*p))
		return 0;
	while (q < end && !isspace((unsigned char)*q) && *q != '"' &&
	    *q != '\'' && *q != '<' && *q != '>')
		q++;
	return (size_t)(q - p);
}

/* A header name that ends in a secret value, at p?  Returns its length. */
static size_t
nl_header_at(const char *p, const char *end)
{
	size_t i;

	for (i = 0; i < sizeof(nl_secret_headers) / sizeof(*nl_secret_headers);
	    i++) {
		size_t len = strlen(nl_secret_headers[i]);

		if ((size_t)(end - p) >= len &&
		    strncasecmp(p, nl_secret_headers[i], len) == 0)
			return len;
	}
	return 0;
}

/* "<tag>" of a secret element at p?  Returns its index, or -1. */
static int
nl_tag_at(const char *p, const char *end)
{
	size_t i;

	if (*p != '<')
		return -1;
	for (i = 0; i < sizeof(nl_secret_tags) / sizeof(*nl_secret_tags);
	    i++) {
		size_t len = strlen(nl_secret_tags[i]);

		if ((size_t)(end - p) >= len + 2 &&
		    memcmp(p + 1, nl_secret_tags[i], len) == 0 &&
		    (p[len + 1] == '>' || p[len + 1] == ' '))
			return (int)i;
	}
	return -1;
}

/*
 * Inside secret element `tag`: skip to its closing tag, or to the end of
 * the text (then it stays open for the next line).  Returns where to go on.
 */
static const char *
nl_skip_secret(const char *p, const char *end, int tag)
{
	char close[48];
	const char *hit;
	size_t len;

	len = (size_t)snprintf(close, sizeof(close), "</%s>",
	    nl_secret_tags[tag]);
	hit = memmem(p, (size_t)(end - p), close, len);
	if (hit == NULL) {
		if (nl_open_secret != tag)
			nl_open_lines = NL_SECRET_LINES;
		nl_open_secret = tag;
		return end;
	}
	nl_open_secret = -1;
	return hit;
}

/* A query string inside a word ("GET /f?token=X"): keep names only. */
static const char *
nl_skip_query_values(struct nl_out *o, const char *p, const char *end)
{
	while (p < end && !isspace((unsigned char)*p) && *p != '"' &&
	    *p != '\'' && *p != '<' && *p != '>') {
		if (*p == '=') {
			nl_out_put(o, "=", 1);
			while (p < end && *p != '&' && !isspace((unsigned char)*p) &&
			    *p != '"' && *p != '\'' && *p != '<' && *p != '>')
				p++;
		} else
			nl_out_put(o, p++, 1);
	}
	return p;
}

/*
 * Copy n bytes of a log line to out (size bytes, NUL-terminated), with
 * the secrets taken out.  Returns the length written.
 */
size_t
nl_redact_log(const char *in, size_t n, char *out, size_t size)
{
	struct nl_out o = { out, 0, size };
	const char *p = in, *end = in + n;

	if (size == 0)
		return 0;
	if (nl_open_secret >= 0 && --nl_open_lines < 0)
		nl_open_secret = -1;
	if (nl_open_secret >= 0) {	/* inside a secret element: a line of it? */
		p = nl_skip_secret(p, end, nl_open_secret);
		if (p == end) {
			nl_out_put(&o, "<redacted>", 10);
			out[o.len] = '\0';
			return o.len;
		}
	}
	while (p < end) {
		size_t len;
		int tag, at_word = p == in || !isalnum((unsigned char)p[-1]);

		if (at_word && (len = nl_url_at(p, end)) != 0) {
			char url[1024], clean[1024];

			if (len >= sizeof(url))
				len = sizeof(url) - 1;
			memcpy(url, p, len);
			url[len] = '\0';
			nl_url_redact(url, clean, sizeof(clean));
			nl_out_put(&o, clean, strlen(clean));
			p += len;
			while (p < end && !isspace((unsigned char)*p) &&
			    *p != '"' && *p != '\'' && *p != '<' && *p != '>')
				p++;	/* the rest of an over-long URL */
		} else if (at_word && (len = nl_header_at(p, end)) != 0) {
			nl_out_put(&o, p, len);
			nl_out_put(&o, " <redacted>", 11);
			while (p < end && *p != '\n')
				p++;
		} else if ((tag = nl_tag_at(p, end)) >= 0) {
			const char *gt = memchr(p, '>', (size_t)(end - p));

			p = gt != NULL ? gt + 1 : end;
			nl_out_put(&o, "<", 1);
			nl_out_put(&o, nl_secret_tags[tag],
			    strlen(nl_secret_tags[tag]));
			nl_out_put(&o, ">", 1);
			p = nl_skip_secret(p, end, tag);
		} else if (*p == '?' && p > in && !isspace((unsigned char)p[-1])) {
			nl_out_put(&o, p++, 1);
			p = nl_skip_query_values(&o, p, end);
		} else
			nl_out_put(&o, p++, 1);
	}
	out[o.len] = '\0';
	return o.len;
}

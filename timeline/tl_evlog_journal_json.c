/* tl_evlog_journal_json.c -- "journalctl -u boinc-client -o json": one JSON
 * object per line. The time is "__REALTIME_TIMESTAMP" (µs since the epoch,
 * UTC, as a decimal string: exact); the text is "MESSAGE", a JSON string,
 * or, per journald's JSON rules, an array of byte values when it is not
 * valid UTF-8, or null when it is over 4096 bytes and --all was not given.
 * The scanner is written for hostile input: bounded nesting, every read
 * checked against the length, the decoded text bounded by st->buf. */
#include "config.h"
#include <string.h>
#include "tl_evlog_client.h"

#define DEPTH_MAX 16
#define REALTIME_DIGITS_MAX 18

struct cursor {
	const char *p;
	size_t n, i;
};

/* JSON's four whitespace characters. */
static void skip_ws(struct cursor *c)
{
	while (c->i < c->n && (c->p[c->i] == ' ' || c->p[c->i] == '\t' ||
			       c->p[c->i] == '\r' || c->p[c->i] == '\n'))
		c->i++;
}

/* Past a string whose opening quote is at c->i: 0 with its raw inside
 * (escapes undecoded) in *s and *len, -1 if it does not end on the line.
 * memchr finds the quotes; only an escape in between costs a step. */
static int scan_string(struct cursor *c, const char **s, size_t *len)
{
	size_t start = ++c->i;
	for (;;) {
		const char *from = c->p + c->i;
		const char *quote = c->i < c->n ? memchr(from, '"', c->n - c->i) : NULL;
		if (!quote)
			return -1;
		const char *esc = memchr(from, '\\', (size_t)(quote - from));
		if (!esc) {
			c->i = (size_t)(quote - c->p);
			break;
		}
		c->i = (size_t)(esc - c->p) + 2;	/* the escaped character is skipped */
	}
	*s = c->p + start;
	*len = c->i - start;
	c->i++;
	return 0;
}

/* Past any value (string, number, literal, array, object): 0 or -1. */
static int skip_value(struct cursor *c, int depth)
{
	const char *s;
	size_t len;
	if (depth > DEPTH_MAX || c->i >= c->n)
		return -1;
	char open = c->p[c->i];
	if (open == '"')
		return scan_string(c, &s, &len);
	if (open != '[' && open != '{') {	/* number, true, false, null */
		size_t start = c->i;
		while (c->i < c->n && strchr(",]} \t\r\n", c->p[c->i]) == NULL)
			c->i++;
		return c->i > start ? 0 : -1;
	}
	char close = open == '[' ? ']' : '}';
	c->i++;
	for (int first = 1;; first = 0) {
		skip_ws(c);
		if (c->i < c->n && c->p[c->i] == close && first) {
			c->i++;
			return 0;
		}
		if (open == '{') {
			if (c->i >= c->n || c->p[c->i] != '"' || scan_string(c, &s, &len) < 0)
				return -1;
			skip_ws(c);
			if (c->i >= c->n || c->p[c->i++] != ':')
				return -1;
			skip_ws(c);
		}
		if (skip_value(c, depth + 1) < 0)
			return -1;
		skip_ws(c);
		if (c->i >= c->n)
			return -1;
		if (c->p[c->i] == close) {
			c->i++;
			return 0;
		}
		if (c->p[c->i++] != ',')
			return -1;
	}
}

/* Four hex digits of a \u escape, or -1. */
static long hex4(const char *p, size_t n)
{
	long v = 0;
	if (n < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		char h = p[i];
		int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
			: h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* A code point as UTF-8 into out (room checked by the caller: 4 bytes). */
static size_t put_utf8(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The code point of "\uXXXX" at s (a surrogate pair takes a second escape;
 * a lone surrogate becomes U+FFFD): 0 with *cp and *used, or -1. */
static int unicode_escape(const char *s, size_t n, unsigned long *cp, size_t *used)
{
	long hi = hex4(s + 2, n - 2), lo;
	if (hi < 0)
		return -1;
	*used = 6;
	*cp = (unsigned long)hi;
	if (hi >= 0xDC00 && hi <= 0xDFFF)
		*cp = 0xFFFD;
	else if (hi >= 0xD800 && hi <= 0xDBFF) {
		if (n >= 12 && s[6] == '\\' && s[7] == 'u' &&
		    (lo = hex4(s + 8, n - 8)) >= 0xDC00 && lo <= 0xDFFF) {
			*cp = 0x10000 + (((unsigned long)hi - 0xD800) << 10) + ((unsigned long)lo - 0xDC00);
			*used = 12;
		} else {
			*cp = 0xFFFD;
		}
	}
	return 0;
}

/* A JSON string's raw inside decoded into buf: its length, or -1 (bad
 * escape, or longer than the buffer). Runs without escapes are copied
 * whole. */
static long decode_string(const char *s, size_t n, char *buf, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		const char *esc = memchr(s + i, '\\', n - i);
		size_t run = esc ? (size_t)(esc - (s + i)) : n - i;
		if (run > size - o)
			return -1;
		memcpy(buf + o, s + i, run);
		o += run;
		i += run;
		if (i >= n)
			break;
		if (i + 1 >= n || o + 4 > size)
			return -1;
		static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
		const char *e = memchr(from, s[i + 1], sizeof from - 1);
		if (e) {
			buf[o++] = to[e - from];
			i += 2;
			continue;
		}
		unsigned long cp;
		size_t used;
		if (s[i + 1] != 'u' || unicode_escape(s + i, n - i, &cp, &used) < 0)
			return -1;
		o += put_utf8(cp, buf + o);
		i += used;
	}
	return (long)o;
}

/* journald's byte-array form "[72,101,...]" at c->i into buf: its length,
 * or -1. */
static long decode_bytes(struct cursor *c, char *buf, size_t size)
{
	size_t o = 0;
	c->i++;
	skip_ws(c);
	if (c->i < c->n && c->p[c->i] == ']') {
		c->i++;
		return 0;
	}
	for (;;) {
		unsigned v = 0, digits = 0;
		skip_ws(c);
		while (c->i < c->n && c->p[c->i] >= '0' && c->p[c->i] <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(c->p[c->i++] - '0');
			digits++;
		}
		if (digits == 0 || v > 255 || o >= size)
			return -1;
		buf[o++] = (char)v;
		skip_ws(c);
		if (c->i >= c->n)
			return -1;
		if (c->p[c->i] == ']') {
			c->i++;
			return (long)o;
		}
		if (c->p[c->i++] != ',')
			return -1;
	}
}

/* "__REALTIME_TIMESTAMP": a string of decimal µs. */
static int realtime(const char *s, size_t len, int64_t *t_us)
{
	int64_t v = 0;
	if (len == 0 || len > REALTIME_DIGITS_MAX)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*t_us = v;
	return 0;
}

/* The MESSAGE value at c->i decoded into st->buf: its length, or -1 with
 * st->error set. */
static long message_value(struct tl_evlog_state *st, struct cursor *c)
{
	const char *s;
	size_t len;
	long got = -1;
	if (c->i < c->n && c->p[c->i] == '"') {
		if (scan_string(c, &s, &len) == 0)
			got = decode_string(s, len, st->buf, sizeof st->buf);
	} else if (c->i < c->n && c->p[c->i] == '[') {
		got = decode_bytes(c, st->buf, sizeof st->buf);
	} else if (c->n - c->i >= 4 && memcmp(c->p + c->i, "null", 4) == 0) {
		st->error = "MESSAGE is null (over 4096 bytes): run journalctl with --all";
		return -1;
	}
	if (got < 0)
		st->error = "MESSAGE is no string or byte array, is too long or badly escaped";
	return got;
}

/* Walk the object's members, keeping the two that matter. */
static enum tl_parse walk(struct tl_evlog_state *st, struct cursor *c, int64_t *t_us,
			  int *have_t, long *msg_len)
{
	const char *key, *s;
	size_t klen, len;
	skip_ws(c);
	if (c->i >= c->n || c->p[c->i++] != '{')
		goto bad;
	skip_ws(c);
	if (c->i < c->n && c->p[c->i] == '}')
		return TL_PARSE_SEGMENT;
	for (;;) {
		skip_ws(c);
		if (c->i >= c->n || c->p[c->i] != '"' || scan_string(c, &key, &klen) < 0)
			goto bad;
		skip_ws(c);
		if (c->i >= c->n || c->p[c->i++] != ':')
			goto bad;
		skip_ws(c);
		if (klen == 20 && memcmp(key, "__REALTIME_TIMESTAMP", 20) == 0) {
			if (c->i >= c->n || c->p[c->i] != '"' || scan_string(c, &s, &len) < 0 ||
			    realtime(s, len, t_us) < 0) {
				st->error = "__REALTIME_TIMESTAMP is no decimal string";
				return TL_PARSE_BAD;
			}
			*have_t = 1;
		} else if (klen == 7 && memcmp(key, "MESSAGE", 7) == 0) {
			if ((*msg_len = message_value(st, c)) < 0)
				return TL_PARSE_BAD;
		} else if (skip_value(c, 1) < 0) {
			goto bad;
		}
		skip_ws(c);
		if (c->i >= c->n)
			goto bad;
		if (c->p[c->i] == '}')
			return TL_PARSE_SEGMENT;
		if (c->p[c->i++] != ',')
			goto bad;
	}
bad:
	st->error = "not a JSON object";
	return TL_PARSE_BAD;
}

/* Typical: an object with journald's realtime field. */
static int sniff(const char *line, size_t len)
{
	static const char key[] = "\"__REALTIME_TIMESTAMP\"";
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i < len && line[i] == '{' && memmem(line, len, key, sizeof key - 1) != NULL;
}

/* The entry's exact time and its MESSAGE, split like a client line when
 * the client's stamp starts it. */
static enum tl_parse parse(struct tl_evlog_state *st, const char *line, size_t len,
			   struct tl_logline *out)
{
	struct cursor c = { line, len, 0 };
	int64_t t_us = 0;
	int have_t = 0;
	long msg_len = -1;
	memset(out, 0, sizeof *out);
	if (tl_evlog_chop_cr(line, len) == 0)
		return TL_PARSE_SKIP;
	enum tl_parse r = walk(st, &c, &t_us, &have_t, &msg_len);
	if (r != TL_PARSE_SEGMENT)
		return r;
	if (!have_t) {
		st->error = "no __REALTIME_TIMESTAMP";
		return TL_PARSE_BAD;
	}
	if (msg_len < 0)
		return TL_PARSE_SKIP;	/* an entry without text */
	if (tl_evlog_client_line(st, st->buf, (size_t)msg_len, out) != TL_PARSE_SEGMENT) {
		memset(out, 0, sizeof *out);	/* bare text */
		out->project = "";
		out->msg = st->buf;
		out->msg_len = (size_t)msg_len;
	}
	while (out->msg_len > 0 && out->msg[out->msg_len - 1] == '\n')
		out->msg_len--;
	out->t_us = t_us;
	out->t_res_us = 1;
	return TL_PARSE_SEGMENT;
}

const struct tl_evlog_format tl_evlog_journal_json = {
	"journal_json", "journalctl -u boinc-client -o json (one object per line)",
	sniff, parse
};

/*
 * Streaming summary of BOINC scheduler request and reply bodies (see
 * nl_sched_xml.h).  The bytes go through a filter that makes BOINC's
 * not-quite-XML into XML, are gathered in a stage, and are handed to expat,
 * whose handlers copy out the few whitelisted values.
 */
#include "config.h"

#include <expat.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nl_sched_xml.h"
#include "nl_url.h"

_Static_assert(sizeof(XML_Char) == 1, "expat must hand over UTF-8");

#define NL_SCHED_MAGIC	0x6e6c7378u

enum { NL_IDLE, NL_PARSING, NL_STOPPED };
enum { NL_DOC_OTHER, NL_DOC_REQUEST, NL_DOC_REPLY };
enum { NL_STOP_NONE, NL_STOP_DEPTH, NL_STOP_DOCTYPE };

/* Where the text of the element being read goes. */
enum {
	NL_CAP_NONE,
	NL_CAP_WORK_REQ, NL_CAP_CPU_SECS, NL_CAP_CPU_INST,	/* request */
	NL_CAP_CO_SECS, NL_CAP_CO_INST, NL_CAP_CO_TYPE,
	NL_CAP_DELAY, NL_CAP_VERSION, NL_CAP_URL,		/* reply */
	NL_CAP_PROJECT, NL_CAP_MESSAGE
};

static void	nl_stage_flush(struct nl_sched_parser *);

/* ---------------------------------------------------------------- memory */

/*
 * expat's memory suite has no context argument, so the parser whose expat
 * call is running is kept per thread; each block records its owner and
 * size, which caps a parser's heap and lets every block be wiped (it held
 * body bytes) before it is freed.
 */
static _Thread_local struct nl_sched_parser *nl_cur
    __attribute__((tls_model("initial-exec")));

union nl_blk {
	struct {
		struct nl_sched_parser	*owner;
		size_t			size;
	} h;
	max_align_t	align;
};

/* memset that the compiler may not drop before free(). */
static void *(*const volatile nl_wipe)(void *, int, size_t) = memset;

/* A block charged to parser p, or NULL over its cap. */
static void *
nl_alloc(struct nl_sched_parser *p, size_t n)
{
	union nl_blk *b;
	size_t total = n + sizeof(*b);

	if (p == NULL || total < n ||
	    total > NL_SCHED_MAX_MEM - p->mem_used)
		return NULL;
	b = malloc(total);
	if (b == NULL)
		return NULL;
	b->h.owner = p;
	b->h.size = total;
	p->mem_used += total;
	if (p->mem_used > p->mem_peak)
		p->mem_peak = p->mem_used;
	return b + 1;
}

/* expat's malloc: for the parser whose call is running in this thread. */
static void *
nl_xml_malloc(size_t n)
{
	return nl_alloc(nl_cur, n);
}

/* Wipe and free a block, crediting its owner. */
static void
nl_xml_free(void *ptr)
{
	union nl_blk *b;

	if (ptr == NULL)
		return;
	b = (union nl_blk *)ptr - 1;
	b->h.owner->mem_used -= b->h.size;
	nl_wipe(b, 0, b->h.size);
	free(b);
}

/* Move to a new block (never libc's realloc: the old one must be wiped). */
static void *
nl_xml_realloc(void *ptr, size_t n)
{
	union nl_blk *old;
	void *fresh;
	size_t keep;

	if (ptr == NULL)
		return nl_xml_malloc(n);
	old = (union nl_blk *)ptr - 1;
	fresh = nl_alloc(old->h.owner, n);
	if (fresh == NULL)
		return NULL;
	keep = old->h.size - sizeof(*old);
	memcpy(fresh, ptr, keep < n ? keep : n);
	nl_xml_free(ptr);
	return fresh;
}

static const XML_Memory_Handling_Suite nl_xml_mem = {
	nl_xml_malloc, nl_xml_realloc, nl_xml_free
};

/* ----------------------------------------------------------------- notes */

/* Say what went wrong, unless something already was (the first cause wins). */
static void nl_note(struct nl_sched_parser *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
nl_note(struct nl_sched_parser *p, const char *fmt, ...)
{
	va_list ap;

	if (p->sum.note[0] != '\0')
		return;
	va_start(ap, fmt);
	vsnprintf(p->sum.note, sizeof(p->sum.note), fmt, ap);
	va_end(ap);
}

/* A bound for a note: "8 MiB", or bytes when it is not whole MiB (fuzzer builds). */
static const char *
nl_size(unsigned long v, char *buf, size_t size)
{
	if (v % (1ul << 20) == 0)
		snprintf(buf, size, "%lu MiB", v >> 20);
	else
		snprintf(buf, size, "%lu bytes", v);
	return buf;
}

/* The line expat is at (for notes). */
static unsigned long
nl_line(const struct nl_sched_parser *p)
{
	return (unsigned long)XML_GetCurrentLineNumber((XML_Parser)p->xp);
}

/* expat stopped: turn its error (or our reason for stopping it) into a note. */
static void
nl_parse_failed(struct nl_sched_parser *p, int final)
{
	enum XML_Error code = XML_GetErrorCode((XML_Parser)p->xp);
	char mem[24];

	p->state = NL_STOPPED;
	if (code == XML_ERROR_ABORTED && p->stop_reason == NL_STOP_DEPTH)
		nl_note(p, "nesting deeper than %u at line %lu",
		    NL_SCHED_MAX_DEPTH, nl_line(p));
	else if (code == XML_ERROR_ABORTED &&
	    p->stop_reason == NL_STOP_DOCTYPE)
		nl_note(p, "DOCTYPE at line %lu: not expected in a BOINC body",
		    nl_line(p));
	else if (code == XML_ERROR_NO_MEMORY)
		nl_note(p, "parser memory over %s at line %lu: summary of "
		    "what came before", nl_size(NL_SCHED_MAX_MEM, mem, sizeof(mem)),
		    nl_line(p));
	else if (final && p->sum.root[0] != '\0' && !p->sum.complete)
		nl_note(p, "truncated: no </%s>", p->sum.root);
	else if (final && p->sum.root[0] == '\0')
		nl_note(p, "truncated: no <%s>",
		    p->is_reply ? "scheduler_reply" : "scheduler_request");
	else
		nl_note(p, "malformed XML at line %lu: %s", nl_line(p),
		    XML_ErrorString(code));
}

/* A handler refuses to go on. */
static void
nl_stop(struct nl_sched_parser *p, int reason)
{
	p->stop_reason = reason;
	p->state = NL_STOPPED;
	XML_StopParser((XML_Parser)p->xp, XML_FALSE);
}

/* ---------------------------------------------------------------- filter */

/*
 * The filter turns BOINC's bodies into XML expat accepts, byte by byte
 * and in constant space, whatever the chunking: nl_skip() drops what is
 * inside <stderr_out>, nl_plain() passes runs of ordinary bytes at once,
 * nl_byte() checks UTF-8 and control bytes, nl_markup() escapes a stray
 * '&', '<' or "]]>", nl_out() tracks CDATA sections and <stderr_out>, and
 * fills the stage.
 */

static const char nl_stderr_open[] = "<stderr_out>";
static const char nl_stderr_close[] = "</stderr_out>";

/* One byte to the stage as it is; expat runs when it is full. */
static void
nl_stage_put(struct nl_sched_parser *p, unsigned char c)
{
	p->stage[p->stage_len++] = (char)c;
	if (p->stage_len == sizeof(p->stage))
		nl_stage_flush(p);
}

/* One byte of the filtered body to the stage. */
static void
nl_out(struct nl_sched_parser *p, unsigned char c)
{
	static const char open[] = "<![CDATA[";

	if (p->cdata) {		/* look for "]]>" */
		if (c == ']')
			p->match = p->match < 2 ? p->match + 1 : 2;
		else {
			if (c == '>' && p->match == 2)
				p->cdata = 0;
			p->match = 0;
		}
	} else {		/* look for "<![CDATA[" and count ']' */
		if (c == (unsigned char)open[p->match])
			p->match++;
		else
			p->match = c == '<';
		if (p->match == sizeof(open) - 1) {
			p->cdata = 1;
			p->match = 0;
		}
		p->rsqb = c == ']' ? (p->rsqb < 2 ? p->rsqb + 1 : 2) : 0;
		if (c == (unsigned char)nl_stderr_open[p->smatch])
			p->smatch++;
		else
			p->smatch = c == '<';
		if (p->smatch == sizeof(nl_stderr_open) - 1) {
			p->skip = 1;	/* nl_sched_feed() drops what follows */
			p->smatch = 0;
		}
	}
	nl_stage_put(p, c);
}

/* Several bytes to the stage. */
static void
nl_out_str(struct nl_sched_parser *p, const char *s, size_t n)
{
	while (n-- > 0)
		nl_out(p, (unsigned char)*s++);
}

/* Can this byte follow '<' in markup (a name, '/', '!' or '?')? */
static int
nl_starts_markup(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    c == '_' || c == ':' || c == '/' || c == '!' || c == '?' ||
	    c >= 0x80;
}

/* Can this byte be part of a reference's name or number? */
static int
nl_ref_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '#';
}

/* Is this code point a character XML allows? */
static int
nl_xml_char(unsigned long v)
{
	return v == 0x9 || v == 0xa || v == 0xd || (v >= 0x20 && v <= 0xd7ff) ||
	    (v >= 0xe000 && v <= 0xfffd) || (v >= 0x10000 && v <= 0x10ffff);
}

/*
 * Is "&" + s + ";" a reference expat resolves without a DTD: a predefined
 * entity or a character reference to an allowed character?
 */
static int
nl_ref_ok(const unsigned char *s, size_t n)
{
	static const char *const names[] = { "amp", "lt", "gt", "quot", "apos" };
	unsigned long v = 0;
	size_t i, first;
	int hex;

	if (n == 0)
		return 0;
	if (s[0] != '#') {
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
				return 1;
		return 0;
	}
	hex = n > 1 && s[1] == 'x';
	first = hex ? 2 : 1;
	if (first == n || n - first > (hex ? 6u : 7u))
		return 0;
	for (i = first; i < n; i++) {
		unsigned d;

		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if (hex && s[i] >= 'a' && s[i] <= 'f')
			d = s[i] - 'a' + 10;
		else if (hex && s[i] >= 'A' && s[i] <= 'F')
			d = s[i] - 'A' + 10;
		else
			return 0;
		v = v * (hex ? 16 : 10) + d;
	}
	return nl_xml_char(v);
}

/* A byte of valid UTF-8 without control bytes: escape what is not markup. */
static void
nl_markup(struct nl_sched_parser *p, unsigned char c)
{
	if (p->held_len > 0 && p->held[0] == '<') {
		p->held_len = 0;
		if (nl_starts_markup(c))
			nl_out(p, '<');
		else {
			nl_out_str(p, "&lt;", 4);
			p->sum.repairs++;
		}
	} else if (p->held_len > 0) {	/* '&' and what followed it */
		if (nl_ref_char(c) && p->held_len < 11) {
			p->held[p->held_len++] = c;
			return;
		}
		if (c == ';' && nl_ref_ok(p->held + 1, p->held_len - 1u)) {
			nl_out_str(p, (const char *)p->held, p->held_len);
			nl_out(p, ';');
			p->held_len = 0;
			return;
		}
		nl_out_str(p, "&amp;", 5);
		nl_out_str(p, (const char *)p->held + 1, p->held_len - 1u);
		p->held_len = 0;
		p->sum.repairs++;
	}
	if (p->state != NL_PARSING)
		return;
	if (p->cdata) {
		nl_out(p, c);
		return;
	}
	if (c == '<' || c == '&') {
		p->held[0] = c;
		p->held_len = 1;
	} else if (c == '>' && p->rsqb == 2) {
		nl_out_str(p, "&gt;", 4);
		p->sum.repairs++;
	} else
		nl_out(p, c);
}

/* A bad byte or sequence becomes '?'. */
static void
nl_bad_byte(struct nl_sched_parser *p)
{
	p->sum.repairs++;
	nl_markup(p, '?');
}

/*
 * A body byte: check UTF-8 as it comes (a sequence may span chunks);
 * overlong forms, surrogates, U+FFFE/FFFF and beyond U+10FFFF are bad,
 * and so are the control bytes XML forbids (they become spaces).
 */
static void
nl_byte(struct nl_sched_parser *p, unsigned char c)
{
	if (p->u8_need > 0) {
		if (c >= p->u8_lo && c <= p->u8_hi) {
			p->u8[p->u8_len++] = c;
			p->u8_lo = 0x80;
			p->u8_hi = 0xbf;
			if (--p->u8_need > 0)
				return;
			if (p->u8[0] == 0xef && p->u8[1] == 0xbf && p->u8[2] >= 0xbe)
				nl_bad_byte(p);
			else {
				unsigned i;

				for (i = 0; i < p->u8_len; i++)
					nl_markup(p, p->u8[i]);
			}
			p->u8_len = 0;
			return;
		}
		p->u8_need = 0;
		p->u8_len = 0;
		nl_bad_byte(p);
		if (p->state != NL_PARSING)
			return;
	}
	if (c < 0x80) {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
			c = ' ';
			p->sum.repairs++;
		}
		nl_markup(p, c);
		return;
	}
	p->u8_lo = 0x80;
	p->u8_hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf)
		p->u8_need = 1;
	else if (c >= 0xe0 && c <= 0xef) {
		p->u8_need = 2;
		if (c == 0xe0)
			p->u8_lo = 0xa0;	/* not overlong */
		else if (c == 0xed)
			p->u8_hi = 0x9f;	/* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		p->u8_need = 3;
		if (c == 0xf0)
			p->u8_lo = 0x90;
		else if (c == 0xf4)
			p->u8_hi = 0x8f;	/* up to U+10FFFF */
	} else {
		nl_bad_byte(p);
		return;
	}
	p->u8[0] = c;
	p->u8_len = 1;
}

/*
 * Inside <stderr_out>: drop bytes up to "</stderr_out>" (kept), keeping
 * the newlines.  Returns the bytes used.
 */
static size_t
nl_skip(struct nl_sched_parser *p, const char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n && p->state == NL_PARSING;) {
		char c = buf[i++];

		if (c == '\n')
			nl_stage_put(p, '\n');	/* expat counts lines */
		if (c == nl_stderr_close[p->smatch])
			p->smatch++;
		else
			p->smatch = c == '<';
		if (p->smatch == sizeof(nl_stderr_close) - 1) {
			p->skip = 0;
			p->smatch = 0;
			nl_out_str(p, nl_stderr_close, sizeof(nl_stderr_close) - 1);
			break;
		}
	}
	return i;
}

/* Bytes that need no look at all: printable ASCII but < & > ], and tab, LF, CR. */
static int
nl_plain_byte(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f && c != '<' && c != '&' && c != '>' &&
	    c != ']') || c == '\t' || c == '\n' || c == '\r';
}

/*
 * The fast path: when the filter holds nothing and tracks nothing, copy
 * the run of plain bytes at the start of buf to the stage.  Returns the
 * bytes used.
 */
static size_t
nl_plain(struct nl_sched_parser *p, const char *buf, size_t n)
{
	size_t run = 0;

	if (p->u8_need || p->held_len || p->match || p->smatch || p->rsqb ||
	    p->cdata)
		return 0;
	while (run < n && nl_plain_byte((unsigned char)buf[run]))
		run++;
	n = run;
	while (n > 0 && p->state == NL_PARSING) {
		size_t k = sizeof(p->stage) - p->stage_len;

		if (k > n)
			k = n;
		memcpy(p->stage + p->stage_len, buf, k);
		p->stage_len += k;
		buf += k;
		n -= k;
		if (p->stage_len == sizeof(p->stage))
			nl_stage_flush(p);
	}
	return run - n;
}

/* End of body: what the filter still holds goes as it is. */
static void
nl_filter_drain(struct nl_sched_parser *p)
{
	if (p->u8_need > 0) {
		p->u8_need = 0;
		p->u8_len = 0;
		nl_bad_byte(p);
	}
	if (p->state == NL_PARSING && p->held_len > 0) {
		unsigned char n = p->held_len;

		p->held_len = 0;
		nl_out_str(p, (const char *)p->held, n);
	}
}

/* Run expat on the stage. */
static void
nl_stage_flush(struct nl_sched_parser *p)
{
	struct nl_sched_parser *prev = nl_cur;
	enum XML_Status st;

	if (p->stage_len == 0 || p->state != NL_PARSING) {
		p->stage_len = 0;
		return;
	}
	nl_cur = p;
	st = XML_Parse((XML_Parser)p->xp, p->stage, (int)p->stage_len, XML_FALSE);
	nl_cur = prev;
	p->stage_len = 0;
	if (st == XML_STATUS_ERROR)
		nl_parse_failed(p, 0);
}

/* ----------------------------------------------------------------- text */

/* Bytes in the UTF-8 sequence this byte starts. */
static size_t
nl_u8_len(unsigned char c)
{
	return c < 0xc0 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/*
 * Append text with whitespace collapsed and trimmed, " | " between the
 * parts (messages), and "..." once it is full; never splits a character.
 */
static void
nl_text_add(char *buf, size_t size, struct nl_sched_text *t,
    const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && !t->cut) {
		unsigned char c = (unsigned char)s[i];
		const char *pre = "";
		size_t plen = 0, clen;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			t->space = 1;
			i++;
			continue;
		}
		clen = nl_u8_len(c);
		if (clen > n - i)
			clen = n - i;
		if (t->sep) {
			pre = " | ";
			plen = 3;
		} else if (t->space && t->len > 0) {
			pre = " ";
			plen = 1;
		}
		if (t->len + plen + clen > size - 4) {	/* room for "..." */
			memcpy(buf + t->len, "...", 4);
			t->len += 3;
			t->cut = 1;
			return;
		}
		memcpy(buf + t->len, pre, plen);
		memcpy(buf + t->len + plen, s + i, clen);
		t->len += plen + clen;
		buf[t->len] = '\0';
		t->sep = t->space = 0;
		i += clen;
	}
}

/* Leading and trailing XML whitespace off s[0..*n). */
static const char *
nl_trim(const char *s, size_t *n)
{
	while (*n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) {
		s++;
		(*n)--;
	}
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t' ||
	    s[*n - 1] == '\n' || s[*n - 1] == '\r'))
		(*n)--;
	return s;
}

/*
 * A decimal number as BOINC writes it ("%f", maybe an exponent), read
 * without strtod so the client's locale cannot change it.  Finite values
 * up to 1e300 only.
 */
static int
nl_parse_number(const char *s, size_t n, double *out)
{
	uint64_t m = 0;
	long e10 = 0, ex = 0;
	int neg = 0, exneg = 0, digits = 0, exdigits = 0;
	size_t i = 0;
	double v;

	s = nl_trim(s, &n);
	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
		if (m < 100000000000000000ull)
			m = m * 10 + (uint64_t)(s[i] - '0');
		else
			e10++;
	}
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
			if (m < 100000000000000000ull) {
				m = m * 10 + (uint64_t)(s[i] - '0');
				e10--;
			}
		}
	if (digits == 0)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			exneg = s[i++] == '-';
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, exdigits++)
			if (ex < 100000)
				ex = ex * 10 + (s[i] - '0');
		if (exdigits == 0)
			return 0;
		e10 += exneg ? -ex : ex;
	}
	if (i != n)
		return 0;
	v = (double)m;
	for (; m != 0 && e10 > 0; e10--)
		if ((v *= 10.0) > 1e300)
			return 0;
	for (; m != 0 && e10 < 0 && v != 0.0; e10++)
		v /= 10.0;
	*out = neg ? -v : v;
	return 1;
}

/* An unsigned decimal that fits. */
static int
nl_parse_unsigned(const char *s, size_t n, unsigned *out)
{
	unsigned long long v = 0;
	size_t i;

	s = nl_trim(s, &n);
	if (n == 0 || n > 10)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > 0xffffffffull)
		return 0;
	*out = (unsigned)v;
	return 1;
}

/* Decimal digits of v into buf; returns the length. */
static size_t
nl_put_digits(char *buf, uint64_t v)
{
	char tmp[24];
	size_t n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}

/*
 * v rounded to two decimals, trailing zeros dropped ("8640", "0.5"),
 * or d.dde+N beyond 1e15; locale-free.  buf holds at least 32 bytes.
 */
static size_t
nl_format_number(char *buf, double v)
{
	size_t n = 0;
	uint64_t h;
	int e = -1;

	if (v < 0) {
		buf[n++] = '-';
		v = -v;
	}
	if (v >= 1e15) {
		for (e = 0; v >= 10.0; e++)
			v /= 10.0;
	}
	h = (uint64_t)(v * 100.0 + 0.5);
	if (e >= 0 && h >= 1000) {
		h /= 10;
		e++;
	}
	if (h == 0)
		n = 0;		/* no "-0" */
	n += nl_put_digits(buf + n, h / 100);
	if (h % 100 != 0) {
		buf[n++] = '.';
		buf[n++] = (char)('0' + h % 100 / 10);
		if (h % 10 != 0)
			buf[n++] = (char)('0' + h % 10);
	}
	if (e >= 0) {
		buf[n++] = 'e';
		buf[n++] = '+';
		n += nl_put_digits(buf + n, (uint64_t)e);
	}
	buf[n] = '\0';
	return n;
}

/* ------------------------------------------------------------- elements */

/*
 * Is this a URL nl_url_redact() understands: a scheme, "://", and no
 * space or control byte?  Anything else is not copied at all, since the
 * redactor keeps whatever comes before "://".
 */
static int
nl_url_shaped(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	    (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	if (n - i < 3 || memcmp(s + i, "://", 3) != 0)
		return 0;
	for (; i < n; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == 0x7f)
			return 0;
	return 1;
}

/* The text of the element being captured is complete: use it. */
static void
nl_capture_end(struct nl_sched_parser *p)
{
	/* in_coproc (so a free slot) is set for the NL_CAP_CO_* kinds */
	struct nl_sched_coproc *co = &p->coproc[p->n_coprocs <
	    NL_SCHED_COPROCS ? p->n_coprocs : 0];
	const char *s = p->text;
	size_t n = p->text_len;
	double v;

	if (!p->text_bad) {
		switch (p->capture) {
		case NL_CAP_WORK_REQ:
			p->have_cpu_work_req = nl_parse_number(s, n, &p->cpu_work_req);
			break;
		case NL_CAP_CPU_SECS:
			p->have_cpu_secs = nl_parse_number(s, n, &p->cpu_secs);
			break;
		case NL_CAP_CPU_INST:
			p->have_cpu_instances = nl_parse_number(s, n,
			    &p->cpu_instances);
			break;
		case NL_CAP_CO_SECS:
			co->have_secs = nl_parse_number(s, n, &co->secs);
			break;
		case NL_CAP_CO_INST:
			co->have_instances = nl_parse_number(s, n, &co->instances);
			break;
		case NL_CAP_CO_TYPE: {
			size_t i, len = 0;

			for (i = 0; i < n && len < sizeof(co->name) - 1; i++) {
				char c = s[i];

				if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				    (c >= '0' && c <= '9') || c == '_' || c == '-' ||
				    c == '.' || c == '+')
					co->name[len++] = c;
			}
			co->name[len] = '\0';
			break;
		}
		case NL_CAP_DELAY:
			if (nl_parse_number(s, n, &v)) {
				p->sum.have_request_delay = 1;
				p->sum.request_delay = v;
			}
			break;
		case NL_CAP_VERSION:
			p->sum.have_scheduler_version = nl_parse_unsigned(s, n,
			    &p->sum.scheduler_version);
			break;
		case NL_CAP_URL:
			s = nl_trim(s, &n);
			memset(p->sum.master_url, 0, sizeof(p->sum.master_url));
			if (!nl_url_shaped(s, n))
				break;
			memmove(p->text, s, n);
			p->text[n] = '\0';
			nl_url_redact(p->text, p->sum.master_url,
			    sizeof(p->sum.master_url));
			break;
		}
	}
	nl_wipe(p->text, 0, sizeof(p->text));
	p->text_len = 0;
	p->text_bad = 0;
	p->capture = NL_CAP_NONE;
	p->msgs.space = 0;
}

/* Read the text of the element just opened into cap. */
static void
nl_capture(struct nl_sched_parser *p, int cap)
{
	p->capture = cap;
	p->capture_depth = p->depth;
	p->text_len = 0;
	p->text_bad = 0;
	if (cap == NL_CAP_PROJECT) {
		memset(p->sum.project_name, 0, sizeof(p->sum.project_name));
		memset(&p->project, 0, sizeof(p->project));
	} else if (cap == NL_CAP_MESSAGE) {
		p->msgs.sep = p->msgs.len > 0;
		p->msgs.space = 0;
	}
}

/* The root element: which kind of body this is. */
static void
nl_root(struct nl_sched_parser *p, const char *name)
{
	size_t n = strlen(name);

	if (n >= sizeof(p->sum.root)) {
		n = sizeof(p->sum.root) - 1;
		while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
			n--;	/* not inside a character */
	}
	memcpy(p->sum.root, name, n);
	if (strcmp(name, "scheduler_request") == 0)
		p->doc = NL_DOC_REQUEST;
	else if (strcmp(name, "scheduler_reply") == 0)
		p->doc = NL_DOC_REPLY;
}

/* A child of <scheduler_request>. */
static void
nl_request_child(struct nl_sched_parser *p, const char *name)
{
	if (strcmp(name, "result") == 0)
		p->sum.reported++;
	else if (strcmp(name, "work_req_seconds") == 0)
		nl_capture(p, NL_CAP_WORK_REQ);
	else if (strcmp(name, "cpu_req_secs") == 0)
		nl_capture(p, NL_CAP_CPU_SECS);
	else if (strcmp(name, "cpu_req_instances") == 0)
		nl_capture(p, NL_CAP_CPU_INST);
	else if (strcmp(name, "coprocs") == 0)
		p->in_coprocs = 1;
}

/* A child of <scheduler_reply>. */
static void
nl_reply_child(struct nl_sched_parser *p, const char *name)
{
	if (strcmp(name, "result") == 0)
		p->sum.received++;
	else if (strcmp(name, "message") == 0)
		nl_capture(p, NL_CAP_MESSAGE);
	else if (strcmp(name, "request_delay") == 0)
		nl_capture(p, NL_CAP_DELAY);
	else if (strcmp(name, "scheduler_version") == 0)
		nl_capture(p, NL_CAP_VERSION);
	else if (strcmp(name, "project_name") == 0)
		nl_capture(p, NL_CAP_PROJECT);
	else if (strcmp(name, "master_url") == 0)
		nl_capture(p, NL_CAP_URL);
}

/*
 * A child of the request's <coprocs>: a GPU, named as the client names
 * it ("[sched_op] NVIDIA work request"); a generic <coproc> by its <type>.
 */
static void
nl_coproc_start(struct nl_sched_parser *p, const char *name)
{
	static const char *const known[][2] = {
		{ "coproc_cuda", "NVIDIA" }, { "coproc_ati", "ATI" },
		{ "coproc_intel_gpu", "intel_gpu" },
		{ "coproc_apple_gpu", "apple_gpu" }, { "coproc", "" },
	};
	struct nl_sched_coproc *co;
	size_t i;

	if (p->n_coprocs >= NL_SCHED_COPROCS)
		return;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(name, known[i][0]) == 0)
			break;
	if (i == sizeof(known) / sizeof(known[0]))
		return;
	co = &p->coproc[p->n_coprocs];
	memset(co, 0, sizeof(*co));
	strcpy(co->name, known[i][1]);
	p->in_coproc = 1;
}

/* A child of a coprocessor: what is asked of it. */
static void
nl_coproc_child(struct nl_sched_parser *p, const char *name)
{
	if (strcmp(name, "req_secs") == 0)
		nl_capture(p, NL_CAP_CO_SECS);
	else if (strcmp(name, "req_instances") == 0)
		nl_capture(p, NL_CAP_CO_INST);
	else if (strcmp(name, "type") == 0 &&
	    p->coproc[p->n_coprocs].name[0] == '\0')
		nl_capture(p, NL_CAP_CO_TYPE);
}

/* The coprocessor element is closed (or the body ended inside it): keep it. */
static void
nl_coproc_end(struct nl_sched_parser *p)
{
	struct nl_sched_coproc *co = &p->coproc[p->n_coprocs];

	p->in_coproc = 0;
	if (!co->have_secs && !co->have_instances)
		return;
	if (co->name[0] == '\0')
		strcpy(co->name, "coproc");
	p->n_coprocs++;
}

/* expat: an element opens.  Only a few places in the tree matter. */
static void XMLCALL
nl_on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct nl_sched_parser *p = ud;

	(void)atts;		/* attribute values are never read */
	if (p->state != NL_PARSING)
		return;
	if (++p->depth > NL_SCHED_MAX_DEPTH) {
		nl_stop(p, NL_STOP_DEPTH);
		return;
	}
	if (p->capture != NL_CAP_NONE) {
		if (p->capture != NL_CAP_MESSAGE && p->capture != NL_CAP_PROJECT)
			p->text_bad = 1;	/* a number has no children */
		return;
	}
	switch (p->depth) {
	case 1:
		nl_root(p, name);
		break;
	case 2:
		if (p->doc == NL_DOC_REQUEST)
			nl_request_child(p, name);
		else if (p->doc == NL_DOC_REPLY)
			nl_reply_child(p, name);
		break;
	case 3:
		if (p->in_coprocs)
			nl_coproc_start(p, name);
		break;
	case 4:
		if (p->in_coproc)
			nl_coproc_child(p, name);
		break;
	}
}

/* expat: an element closes. */
static void XMLCALL
nl_on_end(void *ud, const XML_Char *name)
{
	struct nl_sched_parser *p = ud;

	(void)name;
	if (p->state != NL_PARSING)
		return;
	if (p->capture != NL_CAP_NONE && p->depth == p->capture_depth)
		nl_capture_end(p);
	if (p->depth == 3 && p->in_coproc)
		nl_coproc_end(p);
	else if (p->depth == 2)
		p->in_coprocs = 0;
	else if (p->depth == 1)
		p->sum.complete = 1;
	p->depth--;
}

/* expat: text.  Kept only while a whitelisted element is being read. */
static void XMLCALL
nl_on_text(void *ud, const XML_Char *s, int len)
{
	struct nl_sched_parser *p = ud;
	size_t n = (size_t)len;

	if (p->capture == NL_CAP_NONE || p->state != NL_PARSING)
		return;
	if (p->capture == NL_CAP_MESSAGE)
		nl_text_add(p->sum.messages, sizeof(p->sum.messages), &p->msgs,
		    s, n);
	else if (p->capture == NL_CAP_PROJECT)
		nl_text_add(p->sum.project_name, sizeof(p->sum.project_name),
		    &p->project, s, n);
	else if (n > sizeof(p->text) - 1 - p->text_len)
		p->text_bad = 1;
	else if (!p->text_bad) {
		memcpy(p->text + p->text_len, s, n);
		p->text_len += n;
	}
}

/* expat: a DOCTYPE.  BOINC sends none; refusing it refuses all entities. */
static void XMLCALL
nl_on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int has_internal_subset)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal_subset;
	nl_stop(ud, NL_STOP_DOCTYPE);
}

/* ------------------------------------------------------------- summary */

/* Append "name:value" to a resource list, or "..." once it is full. */
static void
nl_put_rsc(char *buf, size_t size, size_t *len, int *cut, const char *name,
    double v)
{
	char num[40];
	size_t nlen = strlen(name), vlen = nl_format_number(num, v);
	size_t need = (*len > 0) + nlen + 1 + vlen;

	if (*cut)
		return;
	if (*len + need > size - 4) {
		memcpy(buf + *len, "...", 4);
		*len += 3;
		*cut = 1;
		return;
	}
	if (*len > 0)
		buf[(*len)++] = ',';
	memcpy(buf + *len, name, nlen);
	*len += nlen;
	buf[(*len)++] = ':';
	memcpy(buf + *len, num, vlen + 1);
	*len += vlen;
}

/* req_secs and req_instances: CPU first, then each coprocessor. */
static void
nl_put_requests(struct nl_sched_parser *p)
{
	struct nl_sched_summary *s = &p->sum;
	size_t ls = 0, li = 0, i;
	int cs = 0, ci = 0;

	if (p->have_cpu_secs || p->have_cpu_work_req)
		nl_put_rsc(s->req_secs, sizeof(s->req_secs), &ls, &cs, "CPU",
		    p->have_cpu_secs ? p->cpu_secs : p->cpu_work_req);
	if (p->have_cpu_instances)
		nl_put_rsc(s->req_instances, sizeof(s->req_instances), &li, &ci,
		    "CPU", p->cpu_instances);
	for (i = 0; i < p->n_coprocs; i++) {
		const struct nl_sched_coproc *co = &p->coproc[i];

		if (co->have_secs)
			nl_put_rsc(s->req_secs, sizeof(s->req_secs), &ls, &cs,
			    co->name, co->secs);
		if (co->have_instances)
			nl_put_rsc(s->req_instances, sizeof(s->req_instances),
			    &li, &ci, co->name, co->instances);
	}
}

/* Does this root belong to a BOINC body? */
static int
nl_known_root(const char *root)
{
	return strcmp(root, "scheduler_request") == 0 ||
	    strcmp(root, "scheduler_reply") == 0 ||
	    strcmp(root, "data_server_request") == 0 ||
	    strcmp(root, "data_server_reply") == 0;
}

/* ------------------------------------------------------------------ API */

/* Free expat's parser (all its memory, wiped) if there is one. */
static void
nl_release(struct nl_sched_parser *p)
{
	struct nl_sched_parser *prev = nl_cur;

	if (p->xp != NULL) {
		nl_cur = p;
		XML_ParserFree((XML_Parser)p->xp);
		nl_cur = prev;
		p->xp = NULL;
	}
}

/* A new body: a fresh expat parser with our memory, handlers and no DTD. */
void
nl_sched_begin(struct nl_sched_parser *p, int is_reply)
{
	struct nl_sched_parser *prev = nl_cur;
	XML_Parser xp;

	if (p->magic == NL_SCHED_MAGIC)
		nl_release(p);
	memset(p, 0, sizeof(*p));
	p->magic = NL_SCHED_MAGIC;
	p->is_reply = is_reply;
	p->state = NL_PARSING;
	/* The filter makes the body UTF-8; declared encodings are ignored. */
	nl_cur = p;
	xp = XML_ParserCreate_MM("UTF-8", &nl_xml_mem, NULL);
	nl_cur = prev;
	if (xp == NULL) {
		p->state = NL_STOPPED;
		nl_note(p, "parser unavailable: out of memory");
		return;
	}
	p->xp = xp;
	XML_SetUserData(xp, p);
	XML_SetElementHandler(xp, nl_on_start, nl_on_end);
	XML_SetCharacterDataHandler(xp, nl_on_text);
	XML_SetStartDoctypeDeclHandler(xp, nl_on_doctype);
	XML_SetParamEntityParsing(xp, XML_PARAM_ENTITY_PARSING_NEVER);
}

/* A chunk from libcurl: through the filter to the stage, up to the byte cap. */
void
nl_sched_feed(struct nl_sched_parser *p, const char *buf, size_t n)
{
	size_t room, end, i;

	if (p->magic != NL_SCHED_MAGIC)
		return;
	p->sum.body_bytes += n;
	if (p->state != NL_PARSING) {
		p->sum.ignored_bytes += n;
		return;
	}
	room = NL_SCHED_MAX_BYTES - (size_t)p->parsed;
	end = n < room ? n : room;
	for (i = 0; i < end && p->state == NL_PARSING;) {
		size_t k;

		if (p->skip)
			i += nl_skip(p, buf + i, end - i);
		else if ((k = nl_plain(p, buf + i, end - i)) > 0)
			i += k;
		else
			nl_byte(p, (unsigned char)buf[i++]);
	}
	p->parsed += i;
	if (i < n) {
		p->sum.ignored_bytes += n - i;
		if (p->state == NL_PARSING) {	/* over the cap */
			char cap[24];

			nl_stage_flush(p);
			p->state = NL_STOPPED;
			nl_size(NL_SCHED_MAX_BYTES, cap, sizeof(cap));
			nl_note(p, "body over %s: summary of the first %s", cap, cap);
		}
	}
}

/* The body is over: finish expat, say what was wrong, hand the summary over, wipe. */
void
nl_sched_end(struct nl_sched_parser *p, struct nl_sched_summary *out)
{
	size_t peak;

	if (p->magic != NL_SCHED_MAGIC) {
		memset(out, 0, sizeof(*out));
		snprintf(out->note, sizeof(out->note), "parser not started");
		return;
	}
	if (p->state == NL_PARSING && p->sum.body_bytes == 0) {
		p->state = NL_STOPPED;
		nl_note(p, "empty body");
	}
	if (p->state == NL_PARSING) {
		nl_filter_drain(p);
		nl_stage_flush(p);
	}
	if (p->state == NL_PARSING) {
		struct nl_sched_parser *prev = nl_cur;
		enum XML_Status st;

		nl_cur = p;
		st = XML_Parse((XML_Parser)p->xp, "", 0, XML_TRUE);
		nl_cur = prev;
		if (st == XML_STATUS_ERROR)
			nl_parse_failed(p, 1);
	}
	if (p->capture != NL_CAP_NONE)
		nl_wipe(p->text, 0, sizeof(p->text));
	if (p->in_coproc)
		nl_coproc_end(p);
	nl_put_requests(p);
	if (p->sum.root[0] != '\0' && !nl_known_root(p->sum.root))
		nl_note(p, "unexpected root <%s>", p->sum.root);
	*out = p->sum;
	nl_release(p);
	peak = p->mem_peak;
	nl_wipe(p, 0, sizeof(*p));
	p->mem_peak = peak;
}

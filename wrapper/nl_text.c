/*
 * Formatting of trace lines without stdio: numbers, quoted values, times
 * and socket addresses, each appended to a fixed buffer that never
 * overflows (what does not fit is dropped and the line marked cut).
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "nl_text.h"

static const char nl_months[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

/* Start an empty line. */
void
nl_line_init(struct nl_line *l)
{
	l->len = 0;
	l->overflow = 0;
	l->t = 0;
}

/* What nl_put_raw does when n bytes do not fit: as many as do, marked. */
void
nl_put_cut(struct nl_line *l, const char *s, size_t n)
{
	size_t room = sizeof(l->buf) - 1 - l->len;

	if (n > room) {
		n = room;
		l->overflow = 1;
	}
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

/* Append n bytes of any length (nl_put_raw's call for a variable n). */
void
nl_put_mem(struct nl_line *l, const char *s, size_t n)
{
	if (__builtin_expect(n < sizeof(l->buf) - l->len, 1)) {
		memcpy(l->buf + l->len, s, n);
		l->len += n;
	} else
		nl_put_cut(l, s, n);
}

/* Append a C string as is (callers pass only safe, known text). */
void
nl_put_str(struct nl_line *l, const char *s)
{
	nl_put_raw(l, s, strlen(s));
}

static const char nl_pairs[201] =
    "0001020304050607080910111213141516171819"
    "2021222324252627282930313233343536373839"
    "4041424344454647484950515253545556575859"
    "6061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/*
 * How many decimal digits v has (1 for 0), without dividing: the bit
 * length times log10(2) (1233 / 4096) is the count or one more.
 */
static inline unsigned
nl_ndigits(uint64_t v)
{
	static const uint64_t pow10[20] = {
		1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
		10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
		100000000000ULL, 1000000000000ULL, 10000000000000ULL,
		100000000000000ULL, 1000000000000000ULL,
		10000000000000000ULL, 100000000000000000ULL,
		1000000000000000000ULL, 10000000000000000000ULL
	};
	unsigned t = ((64 - (unsigned)__builtin_clzll(v | 1)) * 1233) >> 12;

	return t + 1 - ((v | 1) < pow10[t]);	/* 0 has one digit */
}

/*
 * Write v's digits so that the last one is just before end, two digits
 * per step from a table; 32-bit steps once the number fits (cheaper).
 */
static inline void
nl_digits_before(char *end, uint64_t v)
{
	uint32_t w;

	while (v > UINT32_MAX) {
		unsigned d = (unsigned)(v % 100) * 2;

		v /= 100;
		end -= 2;
		memcpy(end, nl_pairs + d, 2);
	}
	w = (uint32_t)v;
	while (w >= 100) {
		unsigned d = (w % 100) * 2;

		w /= 100;
		end -= 2;
		memcpy(end, nl_pairs + d, 2);
	}
	if (w >= 10) {
		end -= 2;
		memcpy(end, nl_pairs + w * 2, 2);
	} else
		*--end = (char)('0' + w);
}

/*
 * Append v in decimal, at least width digits (zero-padded), straight
 * into the line: the digit count is known first, so no scratch buffer
 * and no copy.  A number that does not fit goes the slow, cutting way.
 */
void
nl_put_pad(struct nl_line *l, uint64_t v, int width)
{
	unsigned n = nl_ndigits(v), pad = width > (int)n ? (unsigned)width - n : 0;
	char tmp[48];

	if (__builtin_expect(l->len + pad + n < sizeof(l->buf), 1)) {
		memset(l->buf + l->len, '0', pad);
		l->len += pad + n;
		nl_digits_before(l->buf + l->len, v);
		return;
	}
	if (pad > sizeof(tmp) - 20)
		pad = sizeof(tmp) - 20;
	memset(tmp, '0', pad);
	nl_digits_before(tmp + pad + n, v);
	nl_put_raw(l, tmp, pad + n);
}

/* Append an unsigned decimal number. */
void
nl_put_u64(struct nl_line *l, uint64_t v)
{
	unsigned n = nl_ndigits(v);

	if (__builtin_expect(l->len + n < sizeof(l->buf), 1)) {
		l->len += n;
		nl_digits_before(l->buf + l->len, v);
	} else
		nl_put_pad(l, v, 1);
}

/* Append a key from its slot: one fixed 16-byte copy when there is room. */
static inline void
nl_put_key(struct nl_line *l, const struct nl_key *k)
{
	if (__builtin_expect(l->len + 16 < sizeof(l->buf), 1)) {
		memcpy(l->buf + l->len, k->text, 16);
		l->len += k->len;
	} else
		nl_put_raw(l, k->text, k->len);
}

/* Append " key=number" for n keys and their values. */
void
nl_put_u64s(struct nl_line *l, const struct nl_key *keys, const uint64_t *v,
    unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		nl_put_key(l, &keys[i]);
		if (v[i] < 10 && l->len + 1 < sizeof(l->buf))
			l->buf[l->len++] = (char)('0' + v[i]);	/* the usual 0 */
		else
			nl_put_u64(l, v[i]);
	}
}

/* Append " key=value" for n keys and C-string values (quoted as needed). */
void
nl_put_values(struct nl_line *l, const struct nl_key *keys,
    const char *const *v, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		nl_put_key(l, &keys[i]);
		nl_put_value(l, v[i], strlen(v[i]));
	}
}

/* Append " key=time" for n keys and their times ('-' for 0: never). */
void
nl_put_times(struct nl_line *l, const struct nl_key *keys, const int64_t *t,
    unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		nl_put_key(l, &keys[i]);
		if (t[i] == 0)
			nl_put_raw(l, "-", 1);
		else
			nl_put_time(l, t[i]);
	}
}

/* Append a signed decimal number. */
void
nl_put_i64(struct nl_line *l, int64_t v)
{
	if (v < 0) {
		nl_put_raw(l, "-", 1);
		nl_put_u64(l, (uint64_t)0 - (uint64_t)v);
	} else
		nl_put_u64(l, (uint64_t)v);
}

/* The 6 digits of a microsecond fraction (v < 1000000), into six. */
static inline void
nl_six_digits(char *six, uint32_t v)
{
	uint32_t hi = v / 10000, lo = v % 10000;

	memcpy(six, nl_pairs + hi * 2, 2);
	memcpy(six + 2, nl_pairs + lo / 100 * 2, 2);
	memcpy(six + 4, nl_pairs + lo % 100 * 2, 2);
}

/*
 * The bytes that force a value into quotes, as a 256-bit set: below or
 * at ' ', '"', '=', '\\', and 0x7f and above.
 */
static const uint64_t nl_quote_set[4] = {
	0x1ffffffffULL | 1ULL << '"' | 1ULL << '=',
	1ULL << ('\\' - 64) | 1ULL << (0x7f - 64),
	~0ULL, ~0ULL
};

/* True if a byte forces a value into quotes: one load, one shift. */
static inline int
nl_needs_quote(unsigned char c)
{
	return (int)(nl_quote_set[c >> 6] >> (c & 63)) & 1;
}

#define NL_ONES		0x0101010101010101ULL
#define NL_HIGHS	0x8080808080808080ULL

/* Non-zero if one of the 8 bytes of x is 0 (exact as a yes/no). */
static inline uint64_t
nl_has_zero8(uint64_t x)
{
	return (x - NL_ONES) & ~x & NL_HIGHS;
}

/*
 * Non-zero if one of the 8 bytes of x forces quotes, the same set as
 * nl_needs_quote, eight bytes at a time (exact as a yes/no): below 0x21;
 * 0x80 and above; 0x7f (low 7 bits all set, no carry across bytes); '"',
 * '=', '\\'.
 */
static inline uint64_t
nl_special8(uint64_t x)
{
	return ((x - NL_ONES * 0x21) & ~x & NL_HIGHS) | (x & NL_HIGHS) |
	    (((x & ~NL_HIGHS) + NL_ONES) & NL_HIGHS) |
	    nl_has_zero8(x ^ (NL_ONES * '"')) |
	    nl_has_zero8(x ^ (NL_ONES * '=')) |
	    nl_has_zero8(x ^ (NL_ONES * '\\'));
}

/*
 * Append a value: bare when it is plain, otherwise quoted with C escapes,
 * so that a reader can always split a line on spaces outside quotes.
 */
void
nl_put_value(struct nl_line *l, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;
	uint64_t quote = (n == 0);

	/* No early exit: plain values are the rule, and branch-free is faster. */
	for (; i + 8 <= n; i += 8) {
		uint64_t x;

		memcpy(&x, s + i, 8);
		quote |= nl_special8(x);
	}
	for (; i < n; i++)
		quote |= (uint64_t)nl_needs_quote((unsigned char)s[i]);
	if (!quote) {
		nl_put_raw(l, s, n);
		return;
	}
	nl_put_raw(l, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[4] = { '\\', 0, 0, 0 };
		size_t elen = 2;

		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			if (c >= 0x20 && c != 0x7f) {
				nl_put_raw(l, (const char *)&c, 1);
				continue;
			}
			esc[1] = 'x';
			esc[2] = hex[c >> 4];
			esc[3] = hex[c & 15];
			elen = 4;
		}
		/* Never cut an escape in half: stop before it instead. */
		if (l->len + elen + 1 >= sizeof(l->buf) - 1) {
			l->overflow = 1;
			break;
		}
		nl_put_raw(l, esc, elen);
	}
	nl_put_raw(l, "\"", 1);
}

/*
 * The per-thread texts of the current second, for the stamp ("26-Nov-2026
 * 22:02:17.", local) and for times ("1764194537.", UTC): a record carries
 * up to a dozen times, nearly always of one second.  A signal handler that
 * interrupts a refresh finds that cache invalid (second -1) and formats
 * its own.  Each text has 24 readable bytes, for fixed-size copies.
 */
struct nl_second_text {
	int64_t		second;
	unsigned	len;
	char		text[24];
};

static __thread __attribute__((tls_model("initial-exec")))
    struct nl_second_text nl_epoch_cache = { -1, 0, "" };
static __thread __attribute__((tls_model("initial-exec")))
    struct nl_second_text nl_stamp_cache = { -1, 0, "" };

/* Fill the "SECONDS." cache for second s (out of line: rare). */
static __attribute__((noinline)) void
nl_epoch_refresh(int64_t s)
{
	struct nl_second_text *c = &nl_epoch_cache;

	c->second = -1;
	c->len = nl_ndigits((uint64_t)s) + 1;
	nl_digits_before(c->text + c->len - 1, (uint64_t)s);
	c->text[c->len - 1] = '.';
	c->second = s;
}

/* "SECONDS." of second s (>= 0), and its length. */
static inline const char *
nl_epoch_text(int64_t s, unsigned *len)
{
	if (__builtin_expect(nl_epoch_cache.second != s, 0))
		nl_epoch_refresh(s);
	*len = nl_epoch_cache.len;
	return nl_epoch_cache.text;
}

/*
 * Append n (<= 16) bytes of a text that has at least 16 readable bytes:
 * one fixed-size copy (no call) when there is room.
 */
static inline void
nl_put_upto16(struct nl_line *l, const char *text, unsigned n)
{
	if (__builtin_expect(l->len + 16 < sizeof(l->buf), 1)) {
		memcpy(l->buf + l->len, text, 16);
		l->len += n;
	} else
		nl_put_raw(l, text, n);
}

/* Append seconds.microseconds since the epoch. */
void
nl_put_time(struct nl_line *l, int64_t us)
{
	char six[6];
	unsigned n;
	const char *secs;

	if (us < 0)
		us = 0;
	secs = nl_epoch_text(us / 1000000, &n);
	nl_put_upto16(l, secs, n);
	nl_six_digits(six, (uint32_t)(us % 1000000));
	nl_put_raw(l, six, 6);
}

/*
 * Days since 1970-01-01 to a civil date (H. Hinnant's algorithm): the
 * shim cannot call localtime() safely from a wrapper, so it does this.
 */
static void
nl_civil(int64_t days, int *y, int *m, int *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Format "26-Nov-2026 22:02:17." for second s (local) into out[22]. */
static void
nl_format_second(char *out, int64_t s)
{
	struct nl_line tmp;
	int64_t days = s / 86400, sod = s % 86400;
	int y, m, d;

	if (sod < 0) {
		sod += 86400;
		days--;
	}
	nl_civil(days, &y, &m, &d);
	nl_line_init(&tmp);
	nl_put_pad(&tmp, (uint64_t)d, 2);
	nl_put_raw(&tmp, "-", 1);
	nl_put_str(&tmp, nl_months[m - 1]);
	nl_put_raw(&tmp, "-", 1);
	nl_put_pad(&tmp, (uint64_t)y, 4);
	nl_put_raw(&tmp, " ", 1);
	nl_put_pad(&tmp, (uint64_t)(sod / 3600), 2);
	nl_put_raw(&tmp, ":", 1);
	nl_put_pad(&tmp, (uint64_t)(sod / 60 % 60), 2);
	nl_put_raw(&tmp, ":", 1);
	nl_put_pad(&tmp, (uint64_t)(sod % 60), 2);
	nl_put_raw(&tmp, ".", 1);
	memcpy(out, tmp.buf, 21);
	out[21] = '\0';
}

/* Fill the stamp cache for local second s (out of line: rare). */
static __attribute__((noinline)) void
nl_stamp_refresh(int64_t s)
{
	nl_stamp_cache.second = -1;
	nl_format_second(nl_stamp_cache.text, s);
	nl_stamp_cache.second = s;
}

/* "26-Nov-2026 22:02:17." (21 bytes) for local second s. */
static inline const char *
nl_stamp_text(int64_t s)
{
	if (__builtin_expect(nl_stamp_cache.second != s, 0))
		nl_stamp_refresh(s);
	return nl_stamp_cache.text;
}

/* Append "26-Nov-2026 22:02:17.123456": the client's log style plus µs. */
void
nl_put_stamp(struct nl_line *l, int64_t us, long utc_offset_s)
{
	char six[6];

	if (us < 0)
		us = 0;
	nl_put_raw(l, nl_stamp_text(us / 1000000 + utc_offset_s), 21);
	nl_six_digits(six, (uint32_t)(us % 1000000));
	nl_put_raw(l, six, 6);
}

/*
 * Append the opening of every record, the human stamp and t= of the same
 * moment: "26-Nov-2026 22:02:17.123456 t=1764194537.123456".  The two
 * share their microseconds, formatted once.
 */
void
nl_put_stamp_t(struct nl_line *l, int64_t us, long utc_offset_s)
{
	char six[6];
	unsigned n;
	const char *secs;

	if (us < 0)
		us = 0;
	nl_six_digits(six, (uint32_t)(us % 1000000));
	nl_put_raw(l, nl_stamp_text(us / 1000000 + utc_offset_s), 21);
	nl_put_raw(l, six, 6);
	nl_put_raw(l, " t=", 3);
	secs = nl_epoch_text(us / 1000000, &n);
	nl_put_upto16(l, secs, n);
	nl_put_raw(l, six, 6);
}

/* Append a UTC offset as +HHMM / -HHMM. */
void
nl_put_offset(struct nl_line *l, long off)
{
	nl_put_raw(l, off < 0 ? "-" : "+", 1);
	if (off < 0)
		off = -off;
	nl_put_pad(l, (uint64_t)(off / 3600), 2);
	nl_put_pad(l, (uint64_t)(off / 60 % 60), 2);
}

/* Write one IPv4 octet at p; returns the end. */
static char *
nl_octet(char *p, unsigned v)
{
	if (v >= 100) {
		*p++ = (char)('0' + v / 100);
		v %= 100;
		memcpy(p, nl_pairs + v * 2, 2);
		return p + 2;
	}
	if (v >= 10) {
		memcpy(p, nl_pairs + v * 2, 2);
		return p + 2;
	}
	*p = (char)('0' + v);
	return p + 1;
}

/*
 * Format IPv4:port or [IPv6]:port into out (NL_ADDR_MAX bytes); "-" for
 * anything else.  Returns its length.  Connections keep this text, so
 * each address is formatted once, not once per record; IPv4 is written
 * directly (much cheaper than inet_ntop).
 */
size_t
nl_format_addr(char *out, const struct sockaddr *sa, socklen_t len)
{
	char *p = out;
	unsigned port, n;

	if (sa != NULL && sa->sa_family == AF_INET &&
	    len >= (socklen_t)sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const void *)sa;
		const unsigned char *b = (const void *)&in->sin_addr;

		p = nl_octet(p, b[0]);
		*p++ = '.';
		p = nl_octet(p, b[1]);
		*p++ = '.';
		p = nl_octet(p, b[2]);
		*p++ = '.';
		p = nl_octet(p, b[3]);
		port = ntohs(in->sin_port);
	} else if (sa != NULL && sa->sa_family == AF_INET6 &&
	    len >= (socklen_t)sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		*p++ = '[';
		if (inet_ntop(AF_INET6, &in6->sin6_addr, p,
		    INET6_ADDRSTRLEN) == NULL) {
			strcpy(out, "-");
			return 1;
		}
		p += strlen(p);
		*p++ = ']';
		port = ntohs(in6->sin6_port);
	} else {
		strcpy(out, "-");
		return 1;
	}
	*p++ = ':';
	n = nl_ndigits(port);
	nl_digits_before(p + n, port);
	p += n;
	*p = '\0';
	return (size_t)(p - out);
}

/* Append IPv4:port or [IPv6]:port; '-' for anything else. */
void
nl_put_addr(struct nl_line *l, const struct sockaddr *sa, socklen_t len)
{
	char text[NL_ADDR_MAX];

	nl_put_raw(l, text, nl_format_addr(text, sa, len));
}

/* Append an errno as its name, or E<number>. */
void
nl_put_errno(struct nl_line *l, int err)
{
	const char *name = nl_errno_name(err);

	if (name != NULL)
		nl_put_str(l, name);
	else {
		nl_put_raw(l, "E", 1);
		nl_put_i64(l, err);
	}
}

/* Finish the line with its newline; returns the length to write. */
int
nl_line_end(struct nl_line *l)
{
	l->buf[l->len++] = '\n';
	return (int)l->len;
}

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

/* Append a C string as is (callers pass only safe, known text). */
void
nl_put_str(struct nl_line *l, const char *s)
{
	nl_put_raw(l, s, strlen(s));
}

/*
 * Append an unsigned decimal number, zero-padded to width digits, two
 * digits per division (half the divisions of the naive loop).
 */
void
nl_put_pad(struct nl_line *l, uint64_t v, int width)
{
	static const char pairs[201] =
	    "0001020304050607080910111213141516171819"
	    "2021222324252627282930313233343536373839"
	    "4041424344454647484950515253545556575859"
	    "6061626364656667686970717273747576777879"
	    "8081828384858687888990919293949596979899";
	char tmp[24];
	int i = sizeof(tmp);

	while (v >= 100) {
		unsigned d = (unsigned)(v % 100) * 2;

		v /= 100;
		tmp[--i] = pairs[d + 1];
		tmp[--i] = pairs[d];
	}
	if (v >= 10) {
		tmp[--i] = pairs[v * 2 + 1];
		tmp[--i] = pairs[v * 2];
	} else
		tmp[--i] = (char)('0' + v);
	while ((int)sizeof(tmp) - i < width && i > 0)
		tmp[--i] = '0';
	nl_put_raw(l, tmp + i, sizeof(tmp) - (size_t)i);
}

/* Append an unsigned decimal number. */
void
nl_put_u64(struct nl_line *l, uint64_t v)
{
	nl_put_pad(l, v, 1);
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

/* True if a byte forces a value into quotes. */
static int
nl_needs_quote(unsigned char c)
{
	return c <= ' ' || c == '"' || c == '\\' || c == '=' || c >= 0x7f;
}

/*
 * Append a value: bare when it is plain, otherwise quoted with C escapes,
 * so that a reader can always split a line on spaces outside quotes.
 */
void
nl_put_value(struct nl_line *l, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;
	int quote = (n == 0);

	for (i = 0; i < n && !quote; i++)
		quote = nl_needs_quote((unsigned char)s[i]);
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

/* Append seconds.microseconds since the epoch. */
void
nl_put_time(struct nl_line *l, int64_t us)
{
	if (us < 0)
		us = 0;
	nl_put_u64(l, (uint64_t)us / 1000000);
	nl_put_raw(l, ".", 1);
	nl_put_pad(l, (uint64_t)us % 1000000, 6);
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

/*
 * Append "26-Nov-2026 22:02:17.123456": the client's log style plus µs.
 * The date and time part is formatted once per second per thread; a
 * signal handler that interrupts the refresh sees the cache invalid
 * (second -1) and formats its own.
 */
void
nl_put_stamp(struct nl_line *l, int64_t us, long utc_offset_s)
{
	static __thread __attribute__((tls_model("initial-exec")))
	    int64_t cached_second = -1;
	static __thread __attribute__((tls_model("initial-exec")))
	    char cached_text[24];
	int64_t s = (us < 0 ? 0 : us / 1000000) + utc_offset_s;

	if (cached_second != s) {
		cached_second = -1;
		nl_format_second(cached_text, s);
		cached_second = s;
	}
	nl_put_raw(l, cached_text, 21);
	nl_put_pad(l, (uint64_t)(us < 0 ? 0 : us % 1000000), 6);
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

/*
 * Format IPv4:port or [IPv6]:port into out (NL_ADDR_MAX bytes); "-" for
 * anything else.  Connections keep this text, so each address is
 * formatted once, not once per record.
 */
void
nl_format_addr(char *out, const struct sockaddr *sa, socklen_t len)
{
	struct nl_line tmp;
	char ip[INET6_ADDRSTRLEN];
	unsigned port;

	nl_line_init(&tmp);
	if (sa != NULL && sa->sa_family == AF_INET &&
	    len >= (socklen_t)sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const void *)sa;
		const unsigned char *b = (const void *)&in->sin_addr;

		/* Four numbers and dots: much cheaper than inet_ntop. */
		nl_put_u64(&tmp, b[0]);
		nl_put_raw(&tmp, ".", 1);
		nl_put_u64(&tmp, b[1]);
		nl_put_raw(&tmp, ".", 1);
		nl_put_u64(&tmp, b[2]);
		nl_put_raw(&tmp, ".", 1);
		nl_put_u64(&tmp, b[3]);
		port = ntohs(in->sin_port);
	} else if (sa != NULL && sa->sa_family == AF_INET6 &&
	    len >= (socklen_t)sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
		nl_put_raw(&tmp, "[", 1);
		nl_put_str(&tmp, ip);
		nl_put_raw(&tmp, "]", 1);
		port = ntohs(in6->sin6_port);
	} else {
		strcpy(out, "-");
		return;
	}
	nl_put_raw(&tmp, ":", 1);
	nl_put_u64(&tmp, port);
	memcpy(out, tmp.buf, tmp.len);
	out[tmp.len] = '\0';
}

/* Append IPv4:port or [IPv6]:port; '-' for anything else. */
void
nl_put_addr(struct nl_line *l, const struct sockaddr *sa, socklen_t len)
{
	char text[NL_ADDR_MAX];

	nl_format_addr(text, sa, len);
	nl_put_str(l, text);
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

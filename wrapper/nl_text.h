/*
 * A bounded, allocation-free text builder for trace lines.  Everything in
 * it is async-signal-safe: no stdio, no locale, no malloc, so a record can
 * be built inside any wrapper, even one called from a signal handler.
 */
#ifndef NL_TEXT_H
#define NL_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define NL_LINE_MAX	4608	/* one record, newline included */
#define NL_TEXT_MAX	4000	/* longest log text kept in a record */
#define NL_ADDR_MAX	56	/* "[IPv6]:port" and its NUL */

struct nl_line {
	char	buf[NL_LINE_MAX];
	size_t	len;
	int	overflow;	/* something did not fit; the line was cut */
	int64_t	t;		/* the record's time (µs), 0 for none */
};

void	nl_line_init(struct nl_line *);
void	nl_put_str(struct nl_line *, const char *);
void	nl_put_u64(struct nl_line *, uint64_t);
void	nl_put_i64(struct nl_line *, int64_t);
void	nl_put_pad(struct nl_line *, uint64_t, int width);
void	nl_put_value(struct nl_line *, const char *, size_t);
void	nl_put_time(struct nl_line *, int64_t us);
void	nl_put_stamp(struct nl_line *, int64_t us, long utc_offset_s);
void	nl_put_stamp_t(struct nl_line *, int64_t us, long utc_offset_s);
void	nl_put_addr(struct nl_line *, const struct sockaddr *, socklen_t);
size_t	nl_format_addr(char *out, const struct sockaddr *, socklen_t);
void	nl_put_errno(struct nl_line *, int err);
void	nl_put_offset(struct nl_line *, long utc_offset_s);
int	nl_line_end(struct nl_line *);

/*
 * key=value helpers: a leading space, the key, '=', the value.  The key
 * must be a string literal: " key=" is joined at compile time and copied
 * with one fixed-size memcpy, which matters when a close record has forty
 * fields and a benchmark makes thousands of them.
 */
#define NL_KEY(key)	" " key "=", sizeof(" " key "=") - 1
/*
 * A key kept in a fixed slot, so that it is copied with one 16-byte move:
 * records with many fields list their keys in tables (nl_put_u64s,
 * nl_put_times) and are built by a loop instead of forty copies of inline
 * code, which keeps the code a connection touches small.  NL_KEYDEF fails
 * to compile for a key too long for its slot.
 */
struct nl_key {
	char	text[23];	/* " key=", then zeros */
	uint8_t	len;		/* <= 16 */
};
#define NL_KEYDEF(key)	{ " " key "=", (uint8_t)(sizeof(" " key "=") - 1 + \
	0 * sizeof(char[sizeof(" " key "=") - 1 <= 16 ? 1 : -1])) }

void	nl_put_u64s(struct nl_line *, const struct nl_key *, const uint64_t *,
	    unsigned n);
void	nl_put_times(struct nl_line *, const struct nl_key *, const int64_t *,
	    unsigned n);
void	nl_put_values(struct nl_line *, const struct nl_key *,
	    const char *const *, unsigned n);

/* " key=value" for a literal value, as one string and its length. */
#define NL_KEY_VALUE(key, val)	" " key "=" val, sizeof(" " key "=" val) - 1
#define nl_kv_str(l, key, val)	nl_kv_str_((l), NL_KEY(key), (val))
#define nl_kv_word(l, key, val)	nl_kv_word_((l), NL_KEY(key), (val))
#define nl_kv_text(l, key, v, n) nl_kv_text_((l), NL_KEY(key), (v), (n))
#define nl_kv_u64(l, key, v)	nl_kv_u64_((l), NL_KEY(key), (v))
#define nl_kv_i64(l, key, v)	nl_kv_i64_((l), NL_KEY(key), (v))
#define nl_kv_time(l, key, us)	nl_kv_time_((l), NL_KEY(key), (us))
#define nl_kv_addr(l, key, sa, len) nl_kv_addr_((l), NL_KEY(key), (sa), (len))
#define nl_kv_errno(l, key, e)	nl_kv_errno_((l), NL_KEY(key), (e))

void	nl_put_cut(struct nl_line *, const char *, size_t);
void	nl_put_mem(struct nl_line *, const char *, size_t);

/*
 * Append n bytes, keeping one byte free for the final newline.  Only a
 * constant n (a key, a fixed field) is copied inline, as a few moves; any
 * other length is one call (inline, the compiler would unroll a copy of
 * every size at every place); cutting is out of line.
 */
static inline void
nl_put_raw(struct nl_line *l, const char *s, size_t n)
{
	if (!__builtin_constant_p(n))
		nl_put_mem(l, s, n);
	else if (__builtin_expect(n < sizeof(l->buf) - l->len, 1)) {
		__builtin_memcpy(l->buf + l->len, s, n);
		l->len += n;
	} else
		nl_put_cut(l, s, n);
}

/*
 * A number, with the single digit (most counters of a short connection:
 * retrans=0, fd=5, resumes=0) written inline, without a call.
 */
static inline void
nl_kv_u64_(struct nl_line *l, const char *k, size_t klen, uint64_t v)
{
	nl_put_raw(l, k, klen);
	if (v < 10 && l->len + 1 < sizeof(l->buf))
		l->buf[l->len++] = (char)('0' + v);
	else
		nl_put_u64(l, v);
}

static inline void
nl_kv_i64_(struct nl_line *l, const char *k, size_t klen, int64_t v)
{
	if (v >= 0)
		nl_kv_u64_(l, k, klen, (uint64_t)v);
	else {
		nl_put_raw(l, k, klen);
		nl_put_i64(l, v);
	}
}

static inline void
nl_kv_text_(struct nl_line *l, const char *k, size_t klen, const char *v,
    size_t n)
{
	nl_put_raw(l, k, klen);
	nl_put_value(l, v, n);
}

static inline void
nl_kv_str_(struct nl_line *l, const char *k, size_t klen, const char *v)
{
	nl_kv_text_(l, k, klen, v, __builtin_strlen(v));
}

/*
 * A value the shim itself made and knows to be plain (an event or state
 * name, a formatted address): no quoting scan.
 */
static inline void
nl_kv_word_(struct nl_line *l, const char *k, size_t klen, const char *v)
{
	nl_put_raw(l, k, klen);
	nl_put_raw(l, v, __builtin_strlen(v));
}

/* An absolute time, or '-' when it never happened (0). */
static inline void
nl_kv_time_(struct nl_line *l, const char *k, size_t klen, int64_t us)
{
	nl_put_raw(l, k, klen);
	if (us == 0)
		nl_put_raw(l, "-", 1);
	else
		nl_put_time(l, us);
}

static inline void
nl_kv_addr_(struct nl_line *l, const char *k, size_t klen,
    const struct sockaddr *sa, socklen_t len)
{
	nl_put_raw(l, k, klen);
	nl_put_addr(l, sa, len);
}

static inline void
nl_kv_errno_(struct nl_line *l, const char *k, size_t klen, int err)
{
	nl_put_raw(l, k, klen);
	if (err == 0)
		nl_put_raw(l, "0", 1);
	else
		nl_put_errno(l, err);
}

const char	*nl_errno_name(int err);

#endif

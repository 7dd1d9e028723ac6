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
void	nl_put_raw(struct nl_line *, const char *, size_t);
void	nl_put_str(struct nl_line *, const char *);
void	nl_put_u64(struct nl_line *, uint64_t);
void	nl_put_i64(struct nl_line *, int64_t);
void	nl_put_pad(struct nl_line *, uint64_t, int width);
void	nl_put_value(struct nl_line *, const char *, size_t);
void	nl_put_time(struct nl_line *, int64_t us);
void	nl_put_stamp(struct nl_line *, int64_t us, long utc_offset_s);
void	nl_put_addr(struct nl_line *, const struct sockaddr *, socklen_t);
void	nl_format_addr(char *out, const struct sockaddr *, socklen_t);
void	nl_put_errno(struct nl_line *, int err);
void	nl_put_offset(struct nl_line *, long utc_offset_s);
int	nl_line_end(struct nl_line *);

/* key=value helpers: a leading space, the key, '=', the value. */
void	nl_kv_str(struct nl_line *, const char *key, const char *val);
void	nl_kv_text(struct nl_line *, const char *key, const char *, size_t);
void	nl_kv_u64(struct nl_line *, const char *key, uint64_t);
void	nl_kv_i64(struct nl_line *, const char *key, int64_t);
void	nl_kv_time(struct nl_line *, const char *key, int64_t us);
void	nl_kv_addr(struct nl_line *, const char *key, const struct sockaddr *,
	    socklen_t);
void	nl_kv_errno(struct nl_line *, const char *key, int err);

const char	*nl_errno_name(int err);

#endif

/* tl_kv.h -- the key=value fields of one trace record (docs/trace-format.md),
 * split and unquoted. Used for the shim's trace lines and for the patched
 * client's "[conn] ev=..." event-log lines alike. */
#ifndef TL_KV_H
#define TL_KV_H

#include <stddef.h>
#include <stdint.h>

#define TL_KV_MAX 96

struct tl_kv {
	unsigned n;
	const char *key[TL_KV_MAX];
	size_t key_len[TL_KV_MAX];
	const char *val[TL_KV_MAX];	/* unquoted, NUL-terminated, in buf */
	char buf[16384];
};

/* Split p[0..n) ("k=v k2="quoted v" ..."). 0, or -1 with *error set when the
 * text is not well-formed (unterminated quote, bad escape, no '=', too many
 * fields or too long). */
int tl_kv_parse(struct tl_kv *kv, const char *p, size_t n, const char **error);
/* The value of key, or NULL. */
const char *tl_kv_get(const struct tl_kv *kv, const char *key);
/* Numbers: 0 on success; -1 if absent or not a number. */
int tl_kv_u64(const struct tl_kv *kv, const char *key, uint64_t *out);
/* "1795725021.026588" -> µs; 0 or -1 (also for "-"). */
int tl_kv_time(const struct tl_kv *kv, const char *key, int64_t *t_us);

#endif

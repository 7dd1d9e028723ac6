/* tl_kv.c -- splitting trace records into fields, strictly: a record that
 * does not follow the format is an error with a reason, never half-read. */
#include "config.h"
#include <string.h>
#include "tl_kv.h"
#include "tl_time.h"

static int is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
	       (c >= 'A' && c <= 'Z');
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* One quoted value starting after the opening quote: unescape into out. */
static int unquote(const char *p, size_t n, size_t *i, char *out, size_t *o, size_t cap,
		   const char **error)
{
	while (*i < n) {
		char c = p[(*i)++];
		if (c == '"')
			return 0;
		if (c == '\\') {
			if (*i >= n)
				break;
			char e = p[(*i)++];
			switch (e) {
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case '"': case '\\': c = e; break;
			case 'x': {
				int hi = *i < n ? hexval(p[*i]) : -1;
				int lo = *i + 1 < n ? hexval(p[*i + 1]) : -1;
				if (hi < 0 || lo < 0) {
					*error = "bad \\x escape";
					return -1;
				}
				c = (char)(hi * 16 + lo);
				*i += 2;
				break;
			}
			default:
				*error = "unknown escape";
				return -1;
			}
		}
		if (*o + 1 >= cap) {
			*error = "record too long";
			return -1;
		}
		out[(*o)++] = c;
	}
	*error = "unterminated quote";
	return -1;
}

int tl_kv_parse(struct tl_kv *kv, const char *p, size_t n, const char **error)
{
	size_t i = 0, o = 0;
	kv->n = 0;
	while (i < n) {
		while (i < n && p[i] == ' ')
			i++;
		if (i >= n)
			break;
		size_t k = i;
		while (i < n && is_key_char(p[i]))
			i++;
		if (i == k || i >= n || p[i] != '=') {
			*error = "field without key=value";
			return -1;
		}
		if (kv->n >= TL_KV_MAX) {
			*error = "too many fields";
			return -1;
		}
		kv->key[kv->n] = p + k;
		kv->key_len[kv->n] = i - k;
		i++;
		char *val = kv->buf + o;
		if (i < n && p[i] == '"') {
			i++;
			if (unquote(p, n, &i, kv->buf, &o, sizeof kv->buf, error) < 0)
				return -1;
			if (i < n && p[i] != ' ') {
				*error = "text after a quoted value";
				return -1;
			}
		} else {
			while (i < n && p[i] != ' ') {
				if (o + 1 >= sizeof kv->buf) {
					*error = "record too long";
					return -1;
				}
				kv->buf[o++] = p[i++];
			}
		}
		kv->buf[o++] = '\0';
		kv->val[kv->n++] = val;
	}
	return 0;
}

const char *tl_kv_get(const struct tl_kv *kv, const char *key)
{
	size_t len = strlen(key);
	for (unsigned i = 0; i < kv->n; i++)
		if (kv->key_len[i] == len && memcmp(kv->key[i], key, len) == 0)
			return kv->val[i];
	return NULL;
}

int tl_kv_u64(const struct tl_kv *kv, const char *key, uint64_t *out)
{
	const char *v = tl_kv_get(kv, key);
	uint64_t x = 0;
	if (!v || !*v)
		return -1;
	for (; *v; v++) {
		if (*v < '0' || *v > '9' || x > (UINT64_MAX - 9) / 10)
			return -1;
		x = x * 10 + (uint64_t)(*v - '0');
	}
	*out = x;
	return 0;
}

int tl_kv_time(const struct tl_kv *kv, const char *key, int64_t *t_us)
{
	const char *v = tl_kv_get(kv, key);
	unsigned res;
	if (!v)
		return -1;
	size_t n = strlen(v);
	return n && tl_time_epoch(v, n, t_us, &res) == n ? 0 : -1;
}

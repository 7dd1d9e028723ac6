/* Unit tests of the line reader (plain, gzip'd, CRLF, no final newline,
 * an over-long line skipped and counted without splitting, rewind) and of
 * the trace-record field splitter (quoting, escapes, malformed records). */
#include "config.h"
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "tl_kv.h"
#include "tl_lines.h"

static char path[64];

static void write_file(const char *data, size_t n, int gz)
{
	snprintf(path, sizeof path, "/tmp/tl-lines-%d%s", (int)getpid(), gz ? ".gz" : "");
	if (gz) {
		gzFile f = gzopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(gzwrite(f, data, (unsigned)n), (int)n);
		gzclose(f);
	} else {
		FILE *f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(data, 1, n, f), n);
		fclose(f);
	}
}

/* Read every line into one "|"-joined string. */
static void read_all(char *out, size_t size, uint64_t *too_long)
{
	struct tl_lines *r = tl_lines_open(path);
	const char *l;
	size_t len, o = 0;
	assert_non_null(r);
	out[0] = '\0';
	while (tl_lines_next(r, &l, &len) > 0) {
		assert_true(o + len + 2 < size);
		memcpy(out + o, l, len);
		o += len;
		out[o++] = '|';
		out[o] = '\0';
	}
	*too_long = tl_lines_too_long(r);
	tl_lines_close(r);
	unlink(path);
}

static void test_plain_and_gzip(void **state)
{
	static const char text[] = "one\r\ntwo\n\nthree";
	char got[64];
	uint64_t tl;
	(void)state;
	for (int gz = 0; gz < 2; gz++) {
		write_file(text, sizeof text - 1, gz);
		read_all(got, sizeof got, &tl);
		assert_string_equal(got, "one|two||three|");
		assert_int_equal(tl, 0);
	}
}

static void test_overlong_line_is_skipped_whole(void **state)
{
	size_t big = 3u << 20;
	char *data = malloc(big + 32), got[64];
	uint64_t tl;
	(void)state;
	assert_non_null(data);
	memcpy(data, "first\n", 6);
	memset(data + 6, 'x', big);
	memcpy(data + 6 + big, "\nlast\n", 6);
	write_file(data, big + 12, 0);
	read_all(got, sizeof got, &tl);
	assert_string_equal(got, "first|last|");
	assert_int_equal(tl, 1);
	free(data);
}

static void test_rewind_and_line_numbers(void **state)
{
	const char *l;
	size_t len;
	(void)state;
	write_file("a\nb\nc\n", 6, 1);
	struct tl_lines *r = tl_lines_open(path);
	assert_non_null(r);
	while (tl_lines_next(r, &l, &len) > 0)
		;
	assert_int_equal(tl_lines_lineno(r), 3);
	assert_int_equal(tl_lines_rewind(r), 0);
	assert_int_equal(tl_lines_next(r, &l, &len), 1);
	assert_int_equal(tl_lines_lineno(r), 1);
	assert_memory_equal(l, "a", 1);
	tl_lines_close(r);
	unlink(path);
	assert_null(tl_lines_open("/nonexistent/file"));
}

static void test_kv_quoting(void **state)
{
	static struct tl_kv kv;
	const char *err = NULL;
	const char *rec = "t=1795725021.026588 ev=log text=\"a \\\"b\\\" \\x41\\n\" n=5";
	uint64_t n;
	int64_t t;
	(void)state;
	assert_int_equal(tl_kv_parse(&kv, rec, strlen(rec), &err), 0);
	assert_string_equal(tl_kv_get(&kv, "text"), "a \"b\" A\n");
	assert_int_equal(tl_kv_u64(&kv, "n", &n), 0);
	assert_int_equal(n, 5);
	assert_int_equal(tl_kv_time(&kv, "t", &t), 0);
	assert_int_equal(t, 1795725021026588LL);
	assert_null(tl_kv_get(&kv, "missing"));
	assert_int_equal(tl_kv_u64(&kv, "ev", &n), -1);
}

static void test_kv_refuses_malformed(void **state)
{
	static struct tl_kv kv;
	static const char *const bad[] = {
		"t=1 text=\"unterminated", "t=1 novalue", "=x", "t=1 a=\"b\"c", "t=1 a=\"\\q\"",
		"t=1 a=\"\\x4\"", "t=1 a=\"\\",
	};
	(void)state;
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *err = NULL;
		assert_int_equal(tl_kv_parse(&kv, bad[i], strlen(bad[i]), &err), -1);
		assert_non_null(err);
	}
	/* too many fields */
	char many[TL_KV_MAX * 6 + 16];
	size_t o = 0;
	for (unsigned i = 0; i <= TL_KV_MAX; i++)
		o += (size_t)snprintf(many + o, sizeof many - o, "k%u=1 ", i % 10);
	const char *err = NULL;
	assert_int_equal(tl_kv_parse(&kv, many, o, &err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_and_gzip),
		cmocka_unit_test(test_overlong_line_is_skipped_whole),
		cmocka_unit_test(test_rewind_and_line_numbers),
		cmocka_unit_test(test_kv_quoting),
		cmocka_unit_test(test_kv_refuses_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

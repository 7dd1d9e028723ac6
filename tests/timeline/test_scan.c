/* test_scan.c -- the shared bounded scanners (timeline/tl_scan.c): number
 * limits, address spellings, word ends (the 8-byte path against a plain
 * loop) and key boundaries, on exact-size copies. */
#include "config.h"
#include "exact_copy.h"
#include "tl_scan.h"

/* A heap copy of exactly strlen(s) bytes, for the scanners to overrun. */
static char *exact(const char *s, const char **end)
{
	size_t n = strlen(s);
	char *c = exact_copy(s, n);
	*end = c + n;
	return c;
}

static void numbers(void **state)
{
	(void)state;
	static const struct { const char *text; int ok; uint32_t value; size_t used; } cases[] = {
		{ "0", 1, 0, 1 }, { "80 ", 1, 80, 2 }, { "4294967295", 1, 4294967295u, 10 },
		{ "4294967296", 0, 0, 0 }, { "99999999999", 0, 0, 0 },
		{ "000000000001", 0, 0, 0 },	/* 12 digits: refused, not cut */
		{ "00000000001", 1, 1, 11 }, { "", 0, 0, 0 }, { "x1", 0, 0, 0 }, { "-1", 0, 0, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *end, *r;
		char *c = exact(cases[i].text, &end);
		uint32_t v = 7;
		r = tl_scan_u32(c, end, &v);
		if (cases[i].ok) {
			assert_ptr_equal(r, c + cases[i].used);
			assert_int_equal(v, cases[i].value);
		} else {
			assert_null(r);
		}
		free(c);
	}
	const char *end;
	uint16_t port;
	char *c = exact("65535", &end);
	assert_ptr_equal(tl_scan_port(c, end, &port), end);
	assert_int_equal(port, 65535);
	free(c);
	c = exact("65536", &end);
	assert_null(tl_scan_port(c, end, &port));
	free(c);
}

static void addresses(void **state)
{
	(void)state;
	static const struct { const char *text, *want; size_t used; } cases[] = {
		{ "198.51.100.20 DST", "198.51.100.20", 13 },
		{ "0.0.0.0", "0.0.0.0", 7 },
		{ "255.255.255.255]", "255.255.255.255", 15 },
		{ "2001:0DB8:0:0::1 x", "2001:db8::1", 16 },
		{ "::ffff:192.0.2.1", "::ffff:192.0.2.1", 16 },
		{ "fe80::1.80", NULL, 0 },	/* no port suffix: not an address */
		{ "256.1.1.1", NULL, 0 },
		{ "01.2.3.4", NULL, 0 },
		{ "1.2.3", NULL, 0 },
		{ "1.2.3.4.5", NULL, 0 },
		{ "", NULL, 0 },
		{ "1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa", NULL, 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *end, *r;
		char out[TL_ADDR_MAX];
		char *c = exact(cases[i].text, &end);
		r = tl_scan_addr(c, end, out);
		if (cases[i].want) {
			assert_ptr_equal(r, c + cases[i].used);
			assert_string_equal(out, cases[i].want);
		} else if (r) {
			fail_msg("%s taken as %s", cases[i].text, out);
		}
		free(c);
	}
}

/* The word end against a byte loop, for every start and length over text
 * with spaces, tabs and high bytes at all offsets. */
static void word_ends(void **state)
{
	(void)state;
	char text[64];
	unsigned seed = 1;
	for (int round = 0; round < 2000; round++) {
		for (size_t i = 0; i < sizeof text; i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = (seed >> 16) % 16;
			text[i] = r == 0 ? ' ' : r == 1 ? '\t' : r == 2 ? (char)0xa0 : r == 3 ? (char)0x89 : (char)('a' + r);
		}
		size_t len = (seed >> 8) % sizeof text;
		char *c = malloc(len ? len : 1);
		assert_non_null(c);
		memcpy(c, text, len);
		for (size_t start = 0; start <= len; start++) {
			const char *want = c + start;
			while (want < c + len && *want != ' ' && *want != '\t')
				want++;
			assert_ptr_equal(tl_scan_word_end(c + start, c + len), want);
		}
		free(c);
	}
}

static void keys(void **state)
{
	(void)state;
	const char *end;
	char *c = exact("MACSRC=1 XSRC=2 SRC=3", &end);
	const char *v = tl_scan_key(c, end, "SRC=", 4);
	assert_non_null(v);
	assert_int_equal(*v, '3');
	free(c);
	c = exact("SRC=1", &end);
	assert_ptr_equal(tl_scan_key(c, end, "SRC=", 4), c + 4);
	free(c);
	c = exact("MACSRC=1\tSRC", &end);
	assert_null(tl_scan_key(c, end, "SRC=", 4));
	free(c);
	c = exact("tcp", &end);
	assert_true(tl_scan_word_is(c, end, "tcp"));
	assert_false(tl_scan_word_is(c, end - 1, "tcp"));
	assert_false(tl_scan_word_is(c, end, "tcpx"));
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(numbers),
		cmocka_unit_test(addresses),
		cmocka_unit_test(word_ends),
		cmocka_unit_test(keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

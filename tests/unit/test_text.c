/*
 * Unit tests of trace-line building: quoting, numbers, the human stamp
 * (checked against glibc's own gmtime_r/strftime), addresses and errnos.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../../wrapper/nl_text.h"

/* The line's text so far, NUL-terminated for comparisons. */
static const char *
text(struct nl_line *l)
{
	l->buf[l->len] = '\0';
	return l->buf;
}

static void
test_plain_value_is_bare(void **state)
{
	struct nl_line l;

	(void)state;
	nl_line_init(&l);
	nl_kv_str(&l, "ev", "close");
	assert_string_equal(text(&l), " ev=close");
}

static void
test_value_with_specials_is_quoted(void **state)
{
	struct nl_line l;
	const char in[] = "a b\"c\\d=e\n\x01\x7f";

	(void)state;
	nl_line_init(&l);
	nl_kv_text(&l, "text", in, sizeof(in) - 1);
	assert_string_equal(text(&l),
	    " text=\"a b\\\"c\\\\d=e\\n\\x01\\x7f\"");
}

/*
 * Every byte value at every place of a 17-byte value (two 8-byte steps
 * and a tail): quoted exactly when the byte must be.
 */
static void
test_each_byte_decides_quoting(void **state)
{
	unsigned c, pos;

	(void)state;
	for (c = 0; c < 256; c++) {
		int special = c <= ' ' || c == '"' || c == '\\' || c == '=' ||
		    c >= 0x7f;

		for (pos = 0; pos < 17; pos++) {
			char v[17];
			struct nl_line l;

			memcpy(v, "abcdefghijklmnopq", sizeof(v));
			v[pos] = (char)c;
			nl_line_init(&l);
			nl_put_value(&l, v, sizeof(v));
			assert_int_equal(l.buf[0] == '"', special);
		}
	}
}

static void
test_empty_value_is_quoted(void **state)
{
	struct nl_line l;

	(void)state;
	nl_line_init(&l);
	nl_kv_text(&l, "text", "", 0);
	assert_string_equal(text(&l), " text=\"\"");
}

static void
test_numbers(void **state)
{
	struct nl_line l;

	(void)state;
	nl_line_init(&l);
	nl_put_u64(&l, 0);
	nl_put_str(&l, " ");
	nl_put_u64(&l, UINT64_MAX);
	nl_put_str(&l, " ");
	nl_put_i64(&l, INT64_MIN);
	nl_put_str(&l, " ");
	nl_put_time(&l, 1764194537000042);
	assert_string_equal(text(&l),
	    "0 18446744073709551615 -9223372036854775808 1764194537.000042");
}

/* Every digit count, at its edges, as printf writes it; padding too. */
static void
test_numbers_at_every_length(void **state)
{
	uint64_t p = 1;
	int k, d;

	(void)state;
	for (k = 0; k < 20; k++, p *= 10) {
		uint64_t edge[3] = { p - 1, p, p + 1 };

		for (d = 0; d < 3; d++) {
			struct nl_line l;
			char want[64];

			nl_line_init(&l);
			nl_put_u64(&l, edge[d]);
			nl_put_str(&l, " ");
			nl_put_pad(&l, edge[d], 12);
			snprintf(want, sizeof(want), "%llu %012llu",
			    (unsigned long long)edge[d],
			    (unsigned long long)edge[d]);
			assert_string_equal(text(&l), want);
		}
	}
}

/*
 * Times of several seconds in turn (each second's text is cached), and
 * the record opening, which shares the microseconds between the stamp
 * and t=: the same as the two written apart.
 */
static void
test_times_across_seconds(void **state)
{
	static const int64_t us[] = {
		1764194537000042, 1764194538999999, 1764194537123456,
		999999, 0, 9999999999000001, 1764194537000042
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(us) / sizeof(us[0]); i++) {
		struct nl_line l, apart;
		char want[64];

		nl_line_init(&l);
		nl_put_time(&l, us[i]);
		snprintf(want, sizeof(want), "%lld.%06lld",
		    (long long)(us[i] / 1000000), (long long)(us[i] % 1000000));
		assert_string_equal(text(&l), want);
		nl_line_init(&l);
		nl_put_stamp_t(&l, us[i], 3600);
		nl_line_init(&apart);
		nl_put_stamp(&apart, us[i], 3600);
		nl_put_str(&apart, " t=");
		nl_put_time(&apart, us[i]);
		assert_string_equal(text(&l), text(&apart));
	}
}

/* The stamp must equal strftime's rendering, over many dates. */
static void
test_stamp_matches_gmtime(void **state)
{
	static const int64_t secs[] = {
		0, 951782400 /* 2000-02-29 */, 1709164800 /* 2024-02-29 */,
		1764194537, 4102444799 /* 2099-12-31 23:59:59 */,
		2147483648LL, 1234567890
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++) {
		struct nl_line l;
		struct tm tm;
		time_t t = (time_t)secs[i];
		char want[64];

		gmtime_r(&t, &tm);
		strftime(want, sizeof(want), "%d-%b-%Y %H:%M:%S", &tm);
		strcat(want, ".000123");
		nl_line_init(&l);
		nl_put_stamp(&l, secs[i] * 1000000 + 123, 0);
		assert_string_equal(text(&l), want);
	}
}

static void
test_stamp_applies_offset(void **state)
{
	struct nl_line l;

	(void)state;
	nl_line_init(&l);
	/* 1970-01-01 00:30 UTC seen from UTC-01:00 is the previous day. */
	nl_put_stamp(&l, 1800LL * 1000000, -3600);
	assert_string_equal(text(&l), "31-Dec-1969 23:30:00.000000");
	nl_line_init(&l);
	nl_put_offset(&l, -(5 * 3600 + 30 * 60));
	assert_string_equal(text(&l), "-0530");
}

static void
test_addresses(void **state)
{
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	struct nl_line l;

	(void)state;
	memset(&in4, 0, sizeof(in4));
	in4.sin_family = AF_INET;
	in4.sin_port = htons(18080);
	inet_pton(AF_INET, "192.0.2.7", &in4.sin_addr);
	memset(&in6, 0, sizeof(in6));
	in6.sin6_family = AF_INET6;
	in6.sin6_port = htons(443);
	inet_pton(AF_INET6, "2001:db8::1", &in6.sin6_addr);
	nl_line_init(&l);
	nl_put_addr(&l, (struct sockaddr *)&in4, sizeof(in4));
	nl_put_str(&l, " ");
	nl_put_addr(&l, (struct sockaddr *)&in6, sizeof(in6));
	nl_put_str(&l, " ");
	nl_put_addr(&l, (struct sockaddr *)&in6, 4);	/* too short */
	assert_string_equal(text(&l), "192.0.2.7:18080 [2001:db8::1]:443 -");
	/* Octets and ports of every width. */
	nl_line_init(&l);
	inet_pton(AF_INET, "0.9.10.99", &in4.sin_addr);
	in4.sin_port = htons(0);
	nl_put_addr(&l, (struct sockaddr *)&in4, sizeof(in4));
	nl_put_str(&l, " ");
	inet_pton(AF_INET, "100.199.200.255", &in4.sin_addr);
	in4.sin_port = htons(65535);
	nl_put_addr(&l, (struct sockaddr *)&in4, sizeof(in4));
	assert_string_equal(text(&l), "0.9.10.99:0 100.199.200.255:65535");
}

static void
test_errno_names(void **state)
{
	struct nl_line l;

	(void)state;
	nl_line_init(&l);
	nl_kv_errno(&l, "a", 0);
	nl_kv_errno(&l, "b", ECONNRESET);
	nl_kv_errno(&l, "c", 4095);
	assert_string_equal(text(&l), " a=0 b=ECONNRESET c=E4095");
}

/* A line that overflows is cut, marked, and never runs off its buffer. */
static void
test_overflow_is_bounded(void **state)
{
	static char big[3 * NL_LINE_MAX];
	struct nl_line l;
	int n;

	(void)state;
	memset(big, '"', sizeof(big));
	nl_line_init(&l);
	nl_kv_text(&l, "text", big, sizeof(big));
	assert_true(l.overflow);
	n = nl_line_end(&l);
	assert_int_equal(n, (int)l.len);
	assert_true(l.len <= sizeof(l.buf));
	assert_int_equal(l.buf[l.len - 1], '\n');
	/* No escape was cut in half: every '\\' is followed by '"'. */
	for (size_t i = 7; i + 1 < l.len - 1; i++)
		if (l.buf[i] == '\\')
			assert_int_equal(l.buf[++i], '"');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_value_is_bare),
		cmocka_unit_test(test_value_with_specials_is_quoted),
		cmocka_unit_test(test_each_byte_decides_quoting),
		cmocka_unit_test(test_empty_value_is_quoted),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_numbers_at_every_length),
		cmocka_unit_test(test_times_across_seconds),
		cmocka_unit_test(test_stamp_matches_gmtime),
		cmocka_unit_test(test_stamp_applies_offset),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_errno_names),
		cmocka_unit_test(test_overflow_is_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

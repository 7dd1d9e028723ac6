/*
 * Unit tests of the connection table and the history letters: slots,
 * dup sharing, last-descriptor detection, a full table, fork reset, the
 * owed established record (claimed once, cancelled by close), lookups of
 * open connections by number.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "../../wrapper/nl_conn.h"
#include "../../wrapper/nl_history.h"
#include "netlife/trace_format.h"

/* Release every descriptor a test may have left mapped. */
static int
reset_table(void **state)
{
	int fd, last;

	(void)state;
	for (fd = 0; fd < NL_FD_MAX; fd++) {
		struct nl_conn *c = nl_conn_unmap(fd, &last);

		if (c != NULL && last)
			nl_conn_free(c);
	}
	return 0;
}

static void
test_new_socket_is_found_by_fd(void **state)
{
	struct nl_conn *c;

	(void)state;
	assert_null(nl_conn_of(7));
	c = nl_conn_new(7);
	assert_non_null(c);
	assert_ptr_equal(nl_conn_of(7), c);
	assert_int_equal(c->refs, 1);
	assert_int_equal(nl_hot_of(c)->sent, 0);
	assert_null(nl_conn_of(8));
	assert_null(nl_conn_of(-1));
	assert_null(nl_conn_of(NL_FD_MAX));
}

static void
test_dup_shares_until_last_close(void **state)
{
	struct nl_conn *c = nl_conn_new(10);
	int last;

	(void)state;
	nl_conn_share(c, 11);
	nl_conn_share(c, 12);
	assert_ptr_equal(nl_conn_of(12), c);
	assert_ptr_equal(nl_conn_unmap(10, &last), c);
	assert_false(last);
	assert_ptr_equal(nl_conn_unmap(12, &last), c);
	assert_false(last);
	assert_null(nl_conn_of(12));
	assert_ptr_equal(nl_conn_unmap(11, &last), c);
	assert_true(last);
	assert_null(nl_conn_unmap(11, &last));
	assert_false(last);
	nl_conn_free(c);
}

static void
test_freed_slot_is_clean_when_reused(void **state)
{
	struct nl_conn *c = nl_conn_new(20);
	int last;

	(void)state;
	nl_hot_of(c)->sent = 99;
	c->id = 5;
	nl_conn_est_due(c, 20);
	nl_history_add(&c->hist, 'S');
	nl_conn_unmap(20, &last);
	nl_conn_free(c);
	for (int i = 0; i < NL_CONN_MAX; i++) {
		struct nl_conn *n = nl_conn_new(20 + i);

		assert_non_null(n);
		assert_int_equal(nl_hot_of(n)->sent, 0);
		assert_int_equal(n->id, 0);
		assert_int_equal(n->est, NL_EST_NONE);
		assert_int_equal(n->hist.len, 0);
	}
}

static void
test_full_table_refuses_and_counts(void **state)
{
	unsigned before;
	int fd;

	(void)state;
	for (fd = 0; fd < NL_CONN_MAX; fd++)
		assert_non_null(nl_conn_new(100 + fd));
	before = nl_conn_dropped();
	assert_null(nl_conn_new(100 + NL_CONN_MAX));
	assert_int_equal(nl_conn_dropped(), before + 1);
	assert_null(nl_conn_of(100 + NL_CONN_MAX));
}

static void
test_fork_reset_forgets_descriptors(void **state)
{
	(void)state;
	assert_non_null(nl_conn_new(30));
	nl_conn_table_reset();
	assert_null(nl_conn_of(30));
}

static void
test_ids_increase(void **state)
{
	uint32_t a = nl_conn_next_id(), b = nl_conn_next_id();

	(void)state;
	assert_int_equal(b, a + 1);
}

static void
test_established_is_claimed_once(void **state)
{
	struct nl_conn *c = nl_conn_new(40);

	(void)state;
	assert_false(nl_conn_est_claim(c));	/* not up: nothing owed */
	nl_conn_est_due(c, 40);
	assert_int_equal(c->est_fd, 40);
	assert_true(nl_conn_est_claim(c));
	assert_false(nl_conn_est_claim(c));
	assert_false(nl_conn_est_claim(c));
}

static void
test_close_cancels_the_owed_established(void **state)
{
	struct nl_conn *c = nl_conn_new(41);

	(void)state;
	nl_conn_est_due(c, 41);
	nl_conn_est_cancel(c);
	assert_false(nl_conn_est_claim(c));
}

static void
test_by_id_finds_open_connections_only(void **state)
{
	struct nl_conn *a = nl_conn_new(50), *b = nl_conn_new(51);
	int last;

	(void)state;
	a->id = 1000;
	b->id = 1001;
	assert_ptr_equal(nl_conn_by_id(1000), a);
	assert_ptr_equal(nl_conn_by_id(1001), b);
	assert_null(nl_conn_by_id(1002));
	assert_null(nl_conn_by_id(0));
	assert_ptr_equal(nl_conn_unmap(50, &last), a);
	assert_true(last);
	assert_null(nl_conn_by_id(1000));	/* closing: not open any more */
	nl_conn_free(a);
	assert_null(nl_conn_by_id(1000));
	assert_ptr_equal(nl_conn_by_id(1001), b);
}

/* Visits per connection id (the test below uses ids 1..3). */
static unsigned visits[4];

/* nl_conn_each_open's callback in the test below. */
static void
count_visit(struct nl_conn *c)
{
	if (c->id < 4)
		visits[c->id]++;
}

static void
test_each_open_skips_closed_slots(void **state)
{
	struct nl_conn *a = nl_conn_new(60), *b = nl_conn_new(61);
	int last;

	(void)state;
	a->id = 1;
	b->id = 2;
	nl_conn_share(b, 62);
	assert_ptr_equal(nl_conn_unmap(60, &last), a);
	memset(visits, 0, sizeof(visits));
	nl_conn_each_open(count_visit);
	assert_int_equal(visits[1], 0);	/* closing */
	assert_int_equal(visits[2], 1);	/* once, though on two descriptors */
	nl_conn_free(a);
}

static void
test_history_keeps_start_and_close(void **state)
{
	struct nl_history h;
	int i;

	(void)state;
	memset(&h, 0, sizeof(h));
	nl_history_add(&h, NL_H_CONNECT);
	nl_history_add(&h, NL_H_ESTABLISHED);
	for (i = 0; i < 100; i++)
		nl_history_add(&h, i % 2 ? NL_H_RECV : NL_H_SEND);
	nl_history_close(&h, NL_H_CLOSE_RST);
	assert_int_equal(strlen(h.letters), NL_HISTORY_MAX);
	assert_memory_equal(h.letters, "ShDdDd", 6);
	assert_int_equal(h.letters[NL_HISTORY_MAX - 2], NL_H_TRUNCATED);
	assert_int_equal(h.letters[NL_HISTORY_MAX - 1], NL_H_CLOSE_RST);
}

static void
test_short_history_is_exact(void **state)
{
	struct nl_history h;

	(void)state;
	memset(&h, 0, sizeof(h));
	nl_history_add(&h, 'S');
	nl_history_add(&h, 'h');
	nl_history_add(&h, 'D');
	nl_history_add(&h, 'd');
	nl_history_add(&h, 'f');
	nl_history_close(&h, 'F');
	assert_string_equal(h.letters, "ShDdfF");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_new_socket_is_found_by_fd,
		    reset_table),
		cmocka_unit_test_teardown(test_dup_shares_until_last_close,
		    reset_table),
		cmocka_unit_test_teardown(test_freed_slot_is_clean_when_reused,
		    reset_table),
		cmocka_unit_test_teardown(test_full_table_refuses_and_counts,
		    reset_table),
		cmocka_unit_test_teardown(test_fork_reset_forgets_descriptors,
		    reset_table),
		cmocka_unit_test_teardown(test_established_is_claimed_once,
		    reset_table),
		cmocka_unit_test_teardown(test_close_cancels_the_owed_established,
		    reset_table),
		cmocka_unit_test_teardown(test_by_id_finds_open_connections_only,
		    reset_table),
		cmocka_unit_test_teardown(test_each_open_skips_closed_slots,
		    reset_table),
		cmocka_unit_test(test_ids_increase),
		cmocka_unit_test(test_history_keeps_start_and_close),
		cmocka_unit_test(test_short_history_is_exact),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Load time: bind the real functions, read the clock's offset, decide
 * whether this process is traced, and arrange for forked children (which
 * are never the client) to forget everything.
 */
#include "config.h"

#include <pthread.h>

#include "nl_clock.h"
#include "nl_config.h"
#include "nl_conn.h"
#include "nl_lifecycle.h"
#include "nl_real.h"

/* In a child of fork(): inert from here on, with no tracked sockets. */
static void
nl_atfork_child(void)
{
	nl_config_forget();
	nl_conn_table_reset();
}

__attribute__((constructor))
static void
nl_init(void)
{
	nl_real_bind();
	nl_clock_init();
	nl_config_init();
	if (nl_active)
		pthread_atfork(NULL, NULL, nl_atfork_child);
}

/*
 * Normal exit (exit(), return from main): write the established records
 * still owed by open connections (they are written lazily).
 */
__attribute__((destructor))
static void
nl_fini(void)
{
	nl_on_exit();
}

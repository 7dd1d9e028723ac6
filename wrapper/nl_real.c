/*
 * Binding of the real functions.  All of them are looked up together, the
 * first time anything needs one (possibly before our constructor ran, when
 * another library's constructor makes a socket).
 */
#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "nl_real.h"

struct nl_real nl_real;

/* Look one symbol up, aborting with a clear message if libc lacks it. */
static void *
nl_need(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);
	static const char msg[] = "netlife: libc lacks a required symbol\n";

	if (p == NULL) {
		/* Not write(): that is our own wrapper, and unbound. */
		syscall(SYS_write, 2, msg, sizeof(msg) - 1);
		abort();
	}
	return p;
}

/* An optional symbol (newer glibc only): NULL if absent. */
static void *
nl_want(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

/*
 * Bind everything.  Racing threads may both run this: each store writes
 * the same pointer, so the race is harmless, and dlsym is thread-safe.
 */
void
nl_real_bind(void)
{
	struct nl_real *r = &nl_real;

	r->socket = nl_need("socket");
	r->connect = nl_need("connect");
	r->close = nl_need("close");
	r->close_range = nl_want("close_range");
	r->shutdown = nl_need("shutdown");
	r->dup = nl_need("dup");
	r->dup2 = nl_need("dup2");
	r->dup3 = nl_need("dup3");
	r->fcntl = nl_need("fcntl");
	r->fcntl64 = nl_want("fcntl64");
	r->getsockopt = nl_need("getsockopt");
	r->setsockopt = nl_need("setsockopt");
	r->accept = nl_need("accept");
	r->accept4 = nl_need("accept4");
	r->send = nl_need("send");
	r->sendto = nl_need("sendto");
	r->sendmsg = nl_need("sendmsg");
	r->recv = nl_need("recv");
	r->recvfrom = nl_need("recvfrom");
	r->recvmsg = nl_need("recvmsg");
	r->read = nl_need("read");
	r->readv = nl_need("readv");
	r->writev = nl_need("writev");
	r->vfprintf = nl_need("vfprintf");
	r->vfprintf_chk = nl_want("__vfprintf_chk");
	r->puts = nl_need("puts");
	r->fputs = nl_need("fputs");
	r->fwrite = nl_need("fwrite");
	/* Last: wrappers test this one to know the table is complete. */
	__atomic_store_n(&r->write, nl_need("write"), __ATOMIC_RELEASE);
}

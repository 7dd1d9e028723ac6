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

/*
 * Until nl_real_bind() runs, each data function points at a stub that
 * binds everything and then calls the real one: the wrappers on the hot
 * path never test a pointer, and a call made before our constructor
 * (from another library's) still works.
 */
#define NL_LAZY(name, ret, params, args) \
	static ret \
	nl_lazy_##name params \
	{ \
		nl_real_bind(); \
		return nl_real.name args; \
	}

NL_LAZY(send, ssize_t, (int fd, const void *b, size_t n, int f), (fd, b, n, f))
NL_LAZY(sendto, ssize_t, (int fd, const void *b, size_t n, int f,
    const struct sockaddr *a, socklen_t al), (fd, b, n, f, a, al))
NL_LAZY(sendmsg, ssize_t, (int fd, const struct msghdr *m, int f),
    (fd, m, f))
NL_LAZY(recv, ssize_t, (int fd, void *b, size_t n, int f), (fd, b, n, f))
NL_LAZY(recvfrom, ssize_t, (int fd, void *b, size_t n, int f,
    struct sockaddr *a, socklen_t *al), (fd, b, n, f, a, al))
NL_LAZY(recvmsg, ssize_t, (int fd, struct msghdr *m, int f), (fd, m, f))
NL_LAZY(read, ssize_t, (int fd, void *b, size_t n), (fd, b, n))
NL_LAZY(write, ssize_t, (int fd, const void *b, size_t n), (fd, b, n))
NL_LAZY(readv, ssize_t, (int fd, const struct iovec *v, int n), (fd, v, n))
NL_LAZY(writev, ssize_t, (int fd, const struct iovec *v, int n), (fd, v, n))

struct nl_real nl_real = {
	.send = nl_lazy_send,
	.sendto = nl_lazy_sendto,
	.sendmsg = nl_lazy_sendmsg,
	.recv = nl_lazy_recv,
	.recvfrom = nl_lazy_recvfrom,
	.recvmsg = nl_lazy_recvmsg,
	.read = nl_lazy_read,
	.write = nl_lazy_write,
	.readv = nl_lazy_readv,
	.writev = nl_lazy_writev,
};

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
	r->write = nl_need("write");
}

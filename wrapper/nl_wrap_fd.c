/*
 * Descriptor wrappers: the calls that create, connect, copy and close
 * sockets.  Lifecycle work happens before the real call only where the
 * kernel's facts would be gone after it (close, dup2 over a socket), and
 * otherwise after it, on the result; the client always gets the real
 * call's result and errno.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nl_config.h"
#include "nl_conn.h"
#include "nl_lifecycle.h"
#include "nl_real.h"
#include "nl_trace.h"

int
socket(int domain, int type, int protocol)
{
	int fd;

	NL_BIND(socket);
	fd = nl_real.socket(domain, type, protocol);
	if (fd >= 0 && nl_active)
		nl_on_socket(fd, domain, type, protocol);
	return fd;
}

int
connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	int r;

	NL_BIND(connect);
	r = nl_real.connect(fd, sa, len);
	if (nl_conn_of(fd) != NULL)
		nl_on_connect(fd, sa, len, r == 0 ? 0 : errno);
	return r;
}

int
accept(int fd, struct sockaddr *sa, socklen_t *len)
{
	int r;

	NL_BIND(accept);
	r = nl_real.accept(fd, sa, len);
	if (r >= 0)
		nl_on_new_fd(r);
	return r;
}

int
accept4(int fd, struct sockaddr *sa, socklen_t *len, int flags)
{
	int r;

	NL_BIND(accept4);
	r = nl_real.accept4(fd, sa, len, flags);
	if (r >= 0)
		nl_on_new_fd(r);
	return r;
}

int
getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	int r;

	NL_BIND(getsockopt);
	r = nl_real.getsockopt(fd, level, name, val, len);
	if (r == 0 && level == SOL_SOCKET && name == SO_ERROR &&
	    val != NULL && len != NULL && *len >= sizeof(int) &&
	    nl_conn_of(fd) != NULL)
		nl_on_sockerr(fd, *(int *)val);
	return r;
}

int
setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	int r;

	NL_BIND(setsockopt);
	r = nl_real.setsockopt(fd, level, name, val, len);
	if (r == 0 && level == SOL_SOCKET && name == SO_LINGER &&
	    nl_conn_of(fd) != NULL)
		nl_on_linger(fd, val, len);
	return r;
}

int
shutdown(int fd, int how)
{
	int r;

	NL_BIND(shutdown);
	r = nl_real.shutdown(fd, how);
	if (nl_conn_of(fd) != NULL)
		nl_on_shutdown(fd, how, r == 0 ? 0 : errno);
	return r;
}

/*
 * close(): the socket's last moment.  The trace's own descriptor is not
 * the client's to close: it gets EBADF, as it would without the shim.
 */
int
close(int fd)
{
	NL_BIND(close);
	if (nl_conn_of(fd) != NULL)
		nl_on_close(fd);
	else if (__builtin_expect(nl_trace_owns_fd(fd), 0)) {
		errno = EBADF;
		return -1;
	}
	return nl_real.close(fd);
}

/*
 * close_range(): every tracked socket in the range closes first, and the
 * range is split around the trace's descriptor, which stays open.
 */
int
close_range(unsigned first, unsigned last, int flags)
{
	unsigned fd;
	int tfd = -1, r = 0;

	NL_BIND(close);
	if (nl_real.close_range == NULL) {
		errno = ENOSYS;
		return -1;
	}
	if ((flags & CLOSE_RANGE_CLOEXEC) != 0)
		return nl_real.close_range(first, last, flags);
	for (fd = first; fd <= last && fd < NL_FD_MAX; fd++) {
		if (nl_conn_of((int)fd) != NULL)
			nl_on_close((int)fd);
		else if (nl_trace_owns_fd((int)fd))
			tfd = (int)fd;
	}
	if (tfd < 0)
		return nl_real.close_range(first, last, flags);
	if ((unsigned)tfd > first)
		r = nl_real.close_range(first, (unsigned)tfd - 1, flags);
	if (r == 0 && (unsigned)tfd < last)
		r = nl_real.close_range((unsigned)tfd + 1, last, flags);
	return r;
}

int
dup(int oldfd)
{
	int r;

	NL_BIND(dup);
	r = nl_real.dup(oldfd);
	if (r >= 0)
		nl_on_dup(oldfd, r);
	return r;
}

/*
 * dup2()/dup3() silently close newfd: if it is a tracked socket, report
 * its close first, but only if the call will succeed (oldfd is valid).
 */
static void
nl_before_dup_over(int oldfd, int newfd)
{
	int saved = errno;

	if (oldfd != newfd && nl_real.fcntl(oldfd, F_GETFD) >= 0) {
		if (nl_conn_of(newfd) != NULL)
			nl_on_close(newfd);
		nl_trace_step_aside(newfd);
	}
	errno = saved;
}

int
dup2(int oldfd, int newfd)
{
	int r;

	NL_BIND(dup2);
	nl_before_dup_over(oldfd, newfd);
	r = nl_real.dup2(oldfd, newfd);
	if (r >= 0 && oldfd != newfd)
		nl_on_dup(oldfd, r);
	return r;
}

int
dup3(int oldfd, int newfd, int flags)
{
	int r;

	NL_BIND(dup3);
	nl_before_dup_over(oldfd, newfd);
	r = nl_real.dup3(oldfd, newfd, flags);
	if (r >= 0)
		nl_on_dup(oldfd, r);
	return r;
}

/* fcntl's third argument is an int, a long or a pointer: pass it as is. */
static int
nl_fcntl(int (*real)(int, int, ...), int fd, int cmd, void *arg)
{
	int r = real(fd, cmd, arg);

	if (r >= 0 && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC))
		nl_on_dup(fd, r);
	return r;
}

int
fcntl(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	NL_BIND(fcntl);
	return nl_fcntl(nl_real.fcntl, fd, cmd, arg);
}

int fcntl64(int, int, ...);

int
fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	NL_BIND(fcntl);
	return nl_fcntl(nl_real.fcntl64 != NULL ? nl_real.fcntl64 :
	    nl_real.fcntl, fd, cmd, arg);
}

/*
 * Data wrappers: send/recv and every other way bytes cross a socket.
 * Each calls the real function first and only looks at the result, so the
 * client gets exactly what libc returned, errno included.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "nl_config.h"
#include "nl_io.h"
#include "nl_real.h"

/* Total length of an iovec array: did a 0 result mean EOF? */
static size_t
nl_iov_len(const struct iovec *iov, int n)
{
	size_t total = 0;
	int i;

	for (i = 0; iov != NULL && i < n; i++)
		total += iov[i].iov_len;
	return total;
}

ssize_t
send(int fd, const void *buf, size_t len, int flags)
{
	struct nl_conn *c;
	ssize_t r;

	if (NL_UNLIKELY(nl_real.send == NULL))
		nl_real_bind();
	c = nl_io_sending(fd);
	r = nl_real.send(fd, buf, len, flags);
	nl_io_sent(c, fd, r);
	return r;
}

ssize_t
sendto(int fd, const void *buf, size_t len, int flags,
    const struct sockaddr *to, socklen_t tolen)
{
	struct nl_conn *c;
	ssize_t r;

	if (NL_UNLIKELY(nl_real.sendto == NULL))
		nl_real_bind();
	c = nl_io_sending(fd);
	r = nl_real.sendto(fd, buf, len, flags, to, tolen);
	nl_io_sent(c, fd, r);
	return r;
}

ssize_t
sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct nl_conn *c;
	ssize_t r;

	if (NL_UNLIKELY(nl_real.sendmsg == NULL))
		nl_real_bind();
	c = nl_io_sending(fd);
	r = nl_real.sendmsg(fd, msg, flags);
	nl_io_sent(c, fd, r);
	return r;
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	struct nl_conn *c;
	ssize_t r;

	if (NL_UNLIKELY(nl_real.write == NULL))
		nl_real_bind();
	c = nl_io_sending(fd);
	r = nl_real.write(fd, buf, len);
	nl_io_sent(c, fd, r);
	if (NL_UNLIKELY(fd == 1) && nl_active && r > 0)
		nl_on_stdout(buf, (size_t)r);
	return r;
}

ssize_t
writev(int fd, const struct iovec *iov, int n)
{
	struct nl_conn *c;
	ssize_t r;

	if (NL_UNLIKELY(nl_real.writev == NULL))
		nl_real_bind();
	c = nl_io_sending(fd);
	r = nl_real.writev(fd, iov, n);
	nl_io_sent(c, fd, r);
	return r;
}

ssize_t
recv(int fd, void *buf, size_t len, int flags)
{
	ssize_t r;

	if (NL_UNLIKELY(nl_real.recv == NULL))
		nl_real_bind();
	r = nl_real.recv(fd, buf, len, flags);
	nl_io_received(fd, r, len, flags & MSG_PEEK);
	return r;
}

ssize_t
recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
    socklen_t *fromlen)
{
	ssize_t r;

	if (NL_UNLIKELY(nl_real.recvfrom == NULL))
		nl_real_bind();
	r = nl_real.recvfrom(fd, buf, len, flags, from, fromlen);
	nl_io_received(fd, r, len, flags & MSG_PEEK);
	return r;
}

ssize_t
recvmsg(int fd, struct msghdr *msg, int flags)
{
	ssize_t r;

	if (NL_UNLIKELY(nl_real.recvmsg == NULL))
		nl_real_bind();
	r = nl_real.recvmsg(fd, msg, flags);
	nl_io_received(fd, r, r != 0 || msg == NULL ? 1 :
	    nl_iov_len(msg->msg_iov, (int)msg->msg_iovlen), flags & MSG_PEEK);
	return r;
}

ssize_t
read(int fd, void *buf, size_t len)
{
	ssize_t r;

	if (NL_UNLIKELY(nl_real.read == NULL))
		nl_real_bind();
	r = nl_real.read(fd, buf, len);
	nl_io_received(fd, r, len, 0);
	return r;
}

ssize_t
readv(int fd, const struct iovec *iov, int n)
{
	ssize_t r;

	if (NL_UNLIKELY(nl_real.readv == NULL))
		nl_real_bind();
	r = nl_real.readv(fd, iov, n);
	nl_io_received(fd, r, r != 0 ? 1 : nl_iov_len(iov, n), 0);
	return r;
}

/*
 * Data wrappers: send/recv and every other way bytes cross a socket.  An
 * untracked descriptor costs a bounds check, a load and a tail call.  A
 * tracked one goes through a never-inlined function that calls the real
 * function first and only looks at the result, so the client gets
 * exactly what libc returned, errno included.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "nl_config.h"
#include "nl_io.h"
#include "nl_real.h"

static NL_NOINLINE ssize_t
nl_send_tracked(int fd, const void *buf, size_t len, int flags, unsigned s)
{
	int turn = nl_io_sending(s, fd);
	ssize_t r = nl_real.send(fd, buf, len, flags);

	nl_io_sent(s, fd, r, turn);
	return r;
}

ssize_t
send(int fd, const void *buf, size_t len, int flags)
{
	unsigned s = nl_slot_of(fd);

	if (NL_LIKELY(s == 0))
		return nl_real.send(fd, buf, len, flags);
	return nl_send_tracked(fd, buf, len, flags, s);
}

static NL_NOINLINE ssize_t
nl_sendto_tracked(int fd, const void *buf, size_t len, int flags,
    const struct sockaddr *to, socklen_t tolen, unsigned s)
{
	int turn = nl_io_sending(s, fd);
	ssize_t r = nl_real.sendto(fd, buf, len, flags, to, tolen);

	nl_io_sent(s, fd, r, turn);
	return r;
}

ssize_t
sendto(int fd, const void *buf, size_t len, int flags,
    const struct sockaddr *to, socklen_t tolen)
{
	unsigned s = nl_slot_of(fd);

	if (NL_LIKELY(s == 0))
		return nl_real.sendto(fd, buf, len, flags, to, tolen);
	return nl_sendto_tracked(fd, buf, len, flags, to, tolen, s);
}

static NL_NOINLINE ssize_t
nl_sendmsg_tracked(int fd, const struct msghdr *msg, int flags, unsigned s)
{
	int turn = nl_io_sending(s, fd);
	ssize_t r = nl_real.sendmsg(fd, msg, flags);

	nl_io_sent(s, fd, r, turn);
	return r;
}

ssize_t
sendmsg(int fd, const struct msghdr *msg, int flags)
{
	unsigned s = nl_slot_of(fd);

	if (NL_LIKELY(s == 0))
		return nl_real.sendmsg(fd, msg, flags);
	return nl_sendmsg_tracked(fd, msg, flags, s);
}

/* A write to a tracked socket, or to stdout (the client's message log). */
static NL_NOINLINE ssize_t
nl_write_slow(int fd, const void *buf, size_t len, unsigned s)
{
	int turn = s != 0 ? nl_io_sending(s, fd) : 0;
	ssize_t r = nl_real.write(fd, buf, len);

	if (s != 0)
		nl_io_sent(s, fd, r, turn);
	if (fd == 1 && nl_active && r > 0)
		nl_on_stdout(buf, (size_t)r);
	return r;
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	unsigned s = nl_slot_of(fd);

	if (NL_LIKELY(s == 0) && NL_LIKELY(fd != 1))
		return nl_real.write(fd, buf, len);
	return nl_write_slow(fd, buf, len, s);
}

static NL_NOINLINE ssize_t
nl_writev_tracked(int fd, const struct iovec *iov, int n, unsigned s)
{
	int turn = nl_io_sending(s, fd);
	ssize_t r = nl_real.writev(fd, iov, n);

	nl_io_sent(s, fd, r, turn);
	return r;
}

ssize_t
writev(int fd, const struct iovec *iov, int n)
{
	unsigned s = nl_slot_of(fd);

	if (NL_LIKELY(s == 0))
		return nl_real.writev(fd, iov, n);
	return nl_writev_tracked(fd, iov, n, s);
}

static NL_NOINLINE ssize_t
nl_recv_peek(int fd, void *buf, size_t len, int flags, unsigned s)
{
	ssize_t r = nl_real.recv(fd, buf, len, flags);

	nl_io_peeked(s, fd, r);
	return r;
}

static NL_NOINLINE ssize_t
nl_recv_tracked(int fd, void *buf, size_t len, int flags, unsigned s)
{
	ssize_t r;

	if (NL_UNLIKELY(flags & MSG_PEEK))
		return nl_recv_peek(fd, buf, len, flags, s);
	r = nl_real.recv(fd, buf, len, flags);
	nl_io_received(s, fd, r);
	return r;
}

ssize_t
recv(int fd, void *buf, size_t len, int flags)
{
	unsigned s = nl_slot_of(fd);

	if (NL_LIKELY(s == 0))
		return nl_real.recv(fd, buf, len, flags);
	return nl_recv_tracked(fd, buf, len, flags, s);
}

static NL_NOINLINE ssize_t
nl_recvfrom_tracked(int fd, void *buf, size_t len, int flags,
    struct sockaddr *from, socklen_t *fromlen, unsigned s)
{
	ssize_t r = nl_real.recvfrom(fd, buf, len, flags, from, fromlen);

	if (flags & MSG_PEEK)
		nl_io_peeked(s, fd, r);
	else
		nl_io_received(s, fd, r);
	return r;
}

ssize_t
recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
    socklen_t *fromlen)
{
	unsigned s = nl_slot_of(fd);

	if (NL_LIKELY(s == 0))
		return nl_real.recvfrom(fd, buf, len, flags, from, fromlen);
	return nl_recvfrom_tracked(fd, buf, len, flags, from, fromlen, s);
}

static NL_NOINLINE ssize_t
nl_recvmsg_tracked(int fd, struct msghdr *msg, int flags, unsigned s)
{
	ssize_t r = nl_real.recvmsg(fd, msg, flags);

	if (flags & MSG_PEEK)
		nl_io_peeked(s, fd, r);
	else
		nl_io_received(s, fd, r);
	return r;
}

ssize_t
recvmsg(int fd, struct msghdr *msg, int flags)
{
	unsigned s = nl_slot_of(fd);

	if (NL_LIKELY(s == 0))
		return nl_real.recvmsg(fd, msg, flags);
	return nl_recvmsg_tracked(fd, msg, flags, s);
}

static NL_NOINLINE ssize_t
nl_read_tracked(int fd, void *buf, size_t len, unsigned s)
{
	ssize_t r = nl_real.read(fd, buf, len);

	nl_io_received(s, fd, r);
	return r;
}

ssize_t
read(int fd, void *buf, size_t len)
{
	unsigned s = nl_slot_of(fd);

	if (NL_LIKELY(s == 0))
		return nl_real.read(fd, buf, len);
	return nl_read_tracked(fd, buf, len, s);
}

static NL_NOINLINE ssize_t
nl_readv_tracked(int fd, const struct iovec *iov, int n, unsigned s)
{
	ssize_t r = nl_real.readv(fd, iov, n);

	nl_io_received(s, fd, r);
	return r;
}

ssize_t
readv(int fd, const struct iovec *iov, int n)
{
	unsigned s = nl_slot_of(fd);

	if (NL_LIKELY(s == 0))
		return nl_real.readv(fd, iov, n);
	return nl_readv_tracked(fd, iov, n, s);
}

/*
 * passthrough_shim.so: the cheapest possible LD_PRELOAD interposer of
 * send, recv, read and write.  Each wrapper calls the next definition
 * (libc's) and does nothing else, so the hot-path benchmark can subtract
 * the price of interposition itself (the PLT hop into a preloaded library
 * and one indirect call) from what libnetlife.so costs per call.
 */
#include "config.h"

#include <dlfcn.h>
#include <sys/socket.h>
#include <unistd.h>

static ssize_t	(*next_send)(int, const void *, size_t, int);
static ssize_t	(*next_recv)(int, void *, size_t, int);
static ssize_t	(*next_read)(int, void *, size_t);
static ssize_t	(*next_write)(int, const void *, size_t);

/*
 * Resolve the real functions once, before main, so that the wrappers hold
 * no check at all.  (A real shim cannot always rely on this: another
 * library's constructor may call it first.)
 */
__attribute__((constructor)) static void
passthrough_init(void)
{
	next_send = (ssize_t (*)(int, const void *, size_t, int))
	    dlsym(RTLD_NEXT, "send");
	next_recv = (ssize_t (*)(int, void *, size_t, int))
	    dlsym(RTLD_NEXT, "recv");
	next_read = (ssize_t (*)(int, void *, size_t))
	    dlsym(RTLD_NEXT, "read");
	next_write = (ssize_t (*)(int, const void *, size_t))
	    dlsym(RTLD_NEXT, "write");
}

ssize_t
send(int fd, const void *buf, size_t len, int flags)
{
	return (next_send(fd, buf, len, flags));
}

ssize_t
recv(int fd, void *buf, size_t len, int flags)
{
	return (next_recv(fd, buf, len, flags));
}

ssize_t
read(int fd, void *buf, size_t len)
{
	return (next_read(fd, buf, len));
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	return (next_write(fd, buf, len));
}

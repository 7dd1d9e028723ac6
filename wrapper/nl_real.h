/*
 * The real libc functions behind every wrapper, found
 * once with dlsym(RTLD_NEXT).  The shim calls only these for its own I/O,
 * never its own wrapped names.
 */
#ifndef NL_REAL_H
#define NL_REAL_H

#include <stdarg.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

struct nl_real {
	int	(*socket)(int, int, int);
	int	(*connect)(int, const struct sockaddr *, socklen_t);
	int	(*close)(int);
	int	(*close_range)(unsigned, unsigned, int);
	int	(*shutdown)(int, int);
	int	(*dup)(int);
	int	(*dup2)(int, int);
	int	(*dup3)(int, int, int);
	int	(*fcntl)(int, int, ...);
	int	(*fcntl64)(int, int, ...);
	int	(*getsockopt)(int, int, int, void *, socklen_t *);
	int	(*setsockopt)(int, int, int, const void *, socklen_t);
	int	(*accept)(int, struct sockaddr *, socklen_t *);
	int	(*accept4)(int, struct sockaddr *, socklen_t *, int);
	ssize_t	(*send)(int, const void *, size_t, int);
	ssize_t	(*sendto)(int, const void *, size_t, int,
		    const struct sockaddr *, socklen_t);
	ssize_t	(*sendmsg)(int, const struct msghdr *, int);
	ssize_t	(*recv)(int, void *, size_t, int);
	ssize_t	(*recvfrom)(int, void *, size_t, int, struct sockaddr *,
		    socklen_t *);
	ssize_t	(*recvmsg)(int, struct msghdr *, int);
	ssize_t	(*read)(int, void *, size_t);
	ssize_t	(*write)(int, const void *, size_t);
	ssize_t	(*readv)(int, const struct iovec *, int);
	ssize_t	(*writev)(int, const struct iovec *, int);
	int	(*vfprintf)(FILE *, const char *, va_list);
	int	(*vfprintf_chk)(FILE *, int, const char *, va_list);
	int	(*puts)(const char *);
	int	(*fputs)(const char *, FILE *);
	size_t	(*fwrite)(const void *, size_t, size_t, FILE *);
};

extern struct nl_real nl_real;

void	nl_real_bind(void);

/*
 * For the wrappers off the hot path: bind on first use.  (The data
 * functions need no test: until bound they point at binding stubs.)
 */
#define NL_BIND(fn)	do { \
	if (__builtin_expect(nl_real.fn == NULL, 0)) \
		nl_real_bind(); \
} while (0)

#endif

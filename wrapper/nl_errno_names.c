/*
 * errno values to their names, for trace fields: strerror() is neither
 * async-signal-safe nor stable across locales, names are both.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>

#include "nl_text.h"

#define NL_E(x) case x: return #x

/* The name of an errno value the network code can meet, or NULL. */
const char *
nl_errno_name(int err)
{
	switch (err) {
	NL_E(EPERM); NL_E(ENOENT); NL_E(EINTR); NL_E(EIO); NL_E(EBADF);
	NL_E(EAGAIN); NL_E(ENOMEM); NL_E(EACCES); NL_E(EFAULT);
	NL_E(EEXIST); NL_E(ENOTDIR); NL_E(EISDIR); NL_E(EINVAL);
	NL_E(ENFILE); NL_E(EMFILE); NL_E(EFBIG); NL_E(ENOSPC);
	NL_E(EROFS); NL_E(EPIPE); NL_E(ENAMETOOLONG); NL_E(EDQUOT);
	NL_E(ENOTSOCK); NL_E(EDESTADDRREQ); NL_E(EMSGSIZE);
	NL_E(EPROTOTYPE); NL_E(ENOPROTOOPT); NL_E(EPROTONOSUPPORT);
	NL_E(EOPNOTSUPP); NL_E(EAFNOSUPPORT); NL_E(EADDRINUSE);
	NL_E(EADDRNOTAVAIL); NL_E(ENETDOWN); NL_E(ENETUNREACH);
	NL_E(ENETRESET); NL_E(ECONNABORTED); NL_E(ECONNRESET);
	NL_E(ENOBUFS); NL_E(EISCONN); NL_E(ENOTCONN); NL_E(ESHUTDOWN);
	NL_E(ETIMEDOUT); NL_E(ECONNREFUSED); NL_E(EHOSTDOWN);
	NL_E(EHOSTUNREACH); NL_E(EALREADY); NL_E(EINPROGRESS);
	default:
		return NULL;
	}
}

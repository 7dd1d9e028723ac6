/*
 * The life of a tracked connection, driven by the wrappers: what each
 * call means for the connection record, and which events it emits.
 * Everything here is off the hot path and keeps errno as it found it.
 */
#ifndef NL_LIFECYCLE_H
#define NL_LIFECYCLE_H

#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "nl_conn.h"

void	nl_on_socket(int fd, int domain, int type, int protocol);
void	nl_on_connect(int fd, const struct sockaddr *, socklen_t, int err);
void	nl_on_sockerr(int fd, int value);
void	nl_on_linger(int fd, const void *val, socklen_t len);
void	nl_on_shutdown(int fd, int how, int err);
void	nl_on_close(int fd);
void	nl_on_new_fd(int fd);
void	nl_on_dup(int oldfd, int newfd);
void	nl_on_stdout(const char *text, size_t len);
void	nl_on_exit(void);

/* Cold paths of the data wrappers (nl_io.h). */
void	nl_idle_probe(struct nl_conn *, int fd);
void	nl_turn(struct nl_conn *, int fd, int dir);
void	nl_on_eof(struct nl_conn *, int fd);
void	nl_on_io_error(struct nl_conn *, int fd);

#endif

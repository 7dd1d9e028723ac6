/*
 * One function per trace event: each builds its line from the connection
 * record and writes it.  They are the only writers of ev= lines.
 */
#ifndef NL_EVENTS_H
#define NL_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "nl_conn.h"
#include "nl_kernel.h"
#include "nl_text.h"

/* The start of a record; ev is a string literal (NL_EV_...). */
#define nl_ev_begin(l, now, ev) \
	nl_ev_begin_((l), (now), NL_KEY_VALUE("ev", ev))
void	nl_ev_begin_(struct nl_line *, int64_t now, const char *ev,
	    size_t evlen);
void	nl_ev_established_owed(struct nl_conn *);
void	nl_ev_connect_fail(struct nl_conn *, int fd, int64_t now, int err);
void	nl_ev_resume(struct nl_conn *, int fd, int64_t now, uint32_t idle_ms);
void	nl_ev_peer_fin(struct nl_conn *, int fd, int64_t now);
void	nl_ev_peer_rst(struct nl_conn *, int fd, int64_t now, int err);
void	nl_ev_shutdown(struct nl_conn *, int fd, int64_t now, int how,
	    int err);
void	nl_ev_sockopt_linger(struct nl_conn *, int fd, int64_t now, int on,
	    int seconds);
void	nl_ev_close(struct nl_conn *, int fd, int64_t now,
	    const struct nl_close_facts *, const char *verdict,
	    const char *first);
void	nl_ev_log(int64_t now, const char *text, size_t len);
void	nl_ev_note(const char *text);

#endif

/*
 * Writing records.  There is no lock anywhere: the descriptor number never
 * changes once open (rotation swaps the file behind it with dup3), opening
 * is claimed by compare-and-swap, and each record is one write(2), so
 * threads, forks and signal handlers can all emit at any moment.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netlife/trace_format.h"
#include "nl_clock.h"
#include "nl_config.h"
#include "nl_real.h"
#include "nl_trace.h"

#define NL_TRACE_FD_MIN	100	/* keep out of the client's low numbers */

enum { NL_T_CLOSED, NL_T_OPENING, NL_T_OPEN, NL_T_FAILED };

static int	nl_tstate;		/* atomic: enum above */
static int	nl_tfd = -1;		/* atomic */
static char	nl_tpath[PATH_MAX];	/* absolute: the client may chdir */
static uint64_t	nl_tsize;		/* atomic: bytes in the current file */
static int	nl_rotating;		/* atomic: a rotation is under way */
static unsigned	nl_dropped;		/* atomic: records lost */
static int	nl_last_error;
static int	nl_complained;		/* atomic: said so on stderr */

/* Say once, on stderr, that the trace is lost; the client goes on. */
static void
nl_complain(const char *what, int err)
{
	struct nl_line l;

	if (__atomic_exchange_n(&nl_complained, 1, __ATOMIC_RELAXED))
		return;
	nl_line_init(&l);
	nl_put_str(&l, "netlife: cannot ");
	nl_put_str(&l, what);
	nl_put_str(&l, " the trace ");
	nl_put_str(&l, nl_tpath[0] != '\0' ? nl_tpath : NL_DEFAULT_TRACE);
	nl_put_str(&l, ": ");
	nl_put_errno(&l, err);
	nl_put_str(&l, "; the client runs on, records are counted and dropped");
	nl_line_end(&l);
	if (nl_real.write(2, l.buf, l.len) < 0) {
		/* stderr is gone too: nothing left to tell. */
	}
}

/*
 * Build the header line that starts every run and every rotated file, at
 * time t: no later than the record that made us open the file.
 */
static void
nl_header(struct nl_line *l, int continued, int64_t t)
{
	char host[256];

	if (gethostname(host, sizeof(host)) != 0)
		strcpy(host, "-");
	host[sizeof(host) - 1] = '\0';
	nl_line_init(l);
	nl_put_str(l, NL_TRACE_MAGIC " ");
	nl_put_u64(l, NL_TRACE_VERSION);
	nl_kv_time(l, "t", t);
	nl_kv_i64(l, "pid", getpid());
	nl_kv_i64(l, "ppid", getppid());
	nl_kv_str(l, "exe", nl_cfg.exe[0] != '\0' ? nl_cfg.exe : "-");
	nl_kv_str(l, "host", host);
	nl_put_str(l, " utc_offset=");
	nl_put_offset(l, nl_utc_offset());
	nl_kv_str(l, "shim", PACKAGE_VERSION);
	nl_kv_u64(l, "continued", (uint64_t)continued);
	nl_line_end(l);
}

/* Make the trace path absolute, against the current directory. */
static int
nl_resolve_path(void)
{
	const char *p = nl_cfg.trace_path[0] != '\0' ? nl_cfg.trace_path :
	    NL_DEFAULT_TRACE;
	size_t dirlen;

	if (p[0] == '/') {
		strcpy(nl_tpath, p);
		return 0;
	}
	if (getcwd(nl_tpath, sizeof(nl_tpath)) == NULL)
		return -1;
	dirlen = strlen(nl_tpath);
	if (dirlen + 1 + strlen(p) + 1 > sizeof(nl_tpath))
		return -1;
	nl_tpath[dirlen] = '/';
	strcpy(nl_tpath + dirlen + 1, p);
	return 0;
}

/* Open the file for appending, 0640, never world-readable. */
static int
nl_open_file(void)
{
	struct stat st;
	int fd, high;

	fd = open(nl_tpath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC |
	    O_NOCTTY, 0640);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0) {
		if ((st.st_mode & 0007) != 0)
			fchmod(fd, st.st_mode & 0770);
		__atomic_store_n(&nl_tsize, (uint64_t)st.st_size,
		    __ATOMIC_RELAXED);
	}
	high = nl_real.fcntl(fd, F_DUPFD_CLOEXEC, NL_TRACE_FD_MIN);
	if (high >= 0) {
		nl_real.close(fd);
		fd = high;
	}
	return fd;
}

/* Write a whole line to the trace descriptor; 0 on success. */
static int
nl_write_line(int fd, const struct nl_line *l)
{
	ssize_t n = nl_real.write(fd, l->buf, l->len);

	if (n == (ssize_t)l->len) {
		__atomic_fetch_add(&nl_tsize, l->len, __ATOMIC_RELAXED);
		return 0;
	}
	nl_last_error = n < 0 ? errno : ENOSPC;
	return -1;
}

/* First record of the run (made at time t): open, write the header. */
static void
nl_open_trace(int64_t t)
{
	struct nl_line hdr;
	int fd;

	if (nl_resolve_path() != 0 || (fd = nl_open_file()) < 0) {
		nl_complain("open", nl_tpath[0] != '\0' ? errno : ENAMETOOLONG);
		__atomic_store_n(&nl_tstate, NL_T_FAILED, __ATOMIC_RELEASE);
		return;
	}
	nl_header(&hdr, 0, t);
	if (nl_write_line(fd, &hdr) != 0)
		nl_complain("write", nl_last_error);
	__atomic_store_n(&nl_tfd, fd, __ATOMIC_RELEASE);
	__atomic_store_n(&nl_tstate, NL_T_OPEN, __ATOMIC_RELEASE);
}

/*
 * The descriptor to write to, opening the file on first use; -1 if the
 * trace cannot be had.  A thread that finds another one opening waits a
 * bounded while, then drops its record rather than risk a hang (a signal
 * handler may have interrupted the opener on this very thread).
 */
static int
nl_trace_fd(int64_t t)
{
	int state = __atomic_load_n(&nl_tstate, __ATOMIC_ACQUIRE);
	int expect = NL_T_CLOSED, spins;

	if (state == NL_T_OPEN)
		return __atomic_load_n(&nl_tfd, __ATOMIC_ACQUIRE);
	if (state == NL_T_CLOSED &&
	    __atomic_compare_exchange_n(&nl_tstate, &expect, NL_T_OPENING, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		nl_open_trace(t);
	} else {
		for (spins = 0; spins < 1000 && __atomic_load_n(&nl_tstate,
		    __ATOMIC_ACQUIRE) == NL_T_OPENING; spins++)
			sched_yield();
	}
	if (__atomic_load_n(&nl_tstate, __ATOMIC_ACQUIRE) != NL_T_OPEN)
		return -1;
	return __atomic_load_n(&nl_tfd, __ATOMIC_ACQUIRE);
}

/*
 * Start a new file once this one is over its size: the old one becomes
 * PATH.old, like stdoutdae.txt and stdoutdae.old.  Only one thread does
 * it; the others keep appending to whichever file the descriptor holds.
 */
static void
nl_rotate(int fd)
{
	char old[PATH_MAX + 8];
	struct nl_line hdr;
	int nfd;

	if (__atomic_exchange_n(&nl_rotating, 1, __ATOMIC_ACQUIRE))
		return;
	if (__atomic_load_n(&nl_tsize, __ATOMIC_RELAXED) > nl_cfg.trace_max &&
	    strlen(nl_tpath) + 5 < sizeof(old)) {
		strcpy(old, nl_tpath);
		strcat(old, ".old");
		if (rename(nl_tpath, old) == 0 &&
		    (nfd = open(nl_tpath, O_WRONLY | O_APPEND | O_CREAT |
		    O_TRUNC | O_CLOEXEC | O_NOCTTY, 0640)) >= 0) {
			nl_real.dup3(nfd, fd, O_CLOEXEC);
			nl_real.close(nfd);
			__atomic_store_n(&nl_tsize, 0, __ATOMIC_RELAXED);
			nl_header(&hdr, 1, nl_now_us());
			nl_write_line(fd, &hdr);
		}
	}
	__atomic_store_n(&nl_rotating, 0, __ATOMIC_RELEASE);
}

/* Tell the reader how many records were lost, once writing works again. */
static int
nl_report_gap(int fd)
{
	unsigned lost = __atomic_load_n(&nl_dropped, __ATOMIC_RELAXED);
	struct nl_line l;
	int64_t now;

	if (lost == 0)
		return 0;
	now = nl_now_us();
	nl_line_init(&l);
	nl_put_stamp_t(&l, now, nl_utc_offset());
	nl_put_raw(&l, NL_KEY_VALUE("ev", NL_EV_GAP));
	nl_kv_u64(&l, "dropped", lost);
	nl_kv_errno(&l, "error", nl_last_error);
	nl_line_end(&l);
	if (nl_write_line(fd, &l) != 0)
		return -1;
	__atomic_fetch_sub(&nl_dropped, lost, __ATOMIC_RELAXED);
	return 0;
}

/*
 * Write one finished record.  Failures are counted, said once, and never
 * reach the client: errno is restored by the callers' wrappers.
 */
void
nl_trace_emit(struct nl_line *l)
{
	int fd;

	nl_line_end(l);
	fd = nl_trace_fd(l->t != 0 ? l->t : nl_now_us());
	if (fd < 0 || nl_report_gap(fd) != 0 ||
	    nl_write_line(fd, l) != 0) {
		if (fd >= 0)
			nl_complain("write", nl_last_error);
		__atomic_fetch_add(&nl_dropped, 1, __ATOMIC_RELAXED);
		return;
	}
	if (__atomic_load_n(&nl_tsize, __ATOMIC_RELAXED) > nl_cfg.trace_max)
		nl_rotate(fd);
}

/* Is fd the trace's own descriptor (which the client must not touch)? */
int
nl_trace_owns_fd(int fd)
{
	return fd >= 0 && fd == __atomic_load_n(&nl_tfd, __ATOMIC_ACQUIRE);
}

/*
 * The client is about to dup2() onto our descriptor's number, which is
 * free as far as it knows: move the trace to another number first.
 */
void
nl_trace_step_aside(int fd)
{
	int moved;

	if (!nl_trace_owns_fd(fd))
		return;
	moved = nl_real.fcntl(fd, F_DUPFD_CLOEXEC, fd + 1);
	if (moved >= 0)
		__atomic_store_n(&nl_tfd, moved, __ATOMIC_RELEASE);
}

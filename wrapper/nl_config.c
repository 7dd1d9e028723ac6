/*
 * Choosing the one process to trace.  Every child of the BOINC client
 * inherits LD_PRELOAD (science apps, sh, file, lsb_release ...); the
 * library must stay inert in all of them, in setuid programs, and
 * wherever it was not asked for.
 */
#include "config.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "nl_config.h"
#include "nl_real.h"

struct nl_config	nl_cfg;
int			nl_active;

/* The last component of a path. */
static const char *
nl_basename(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* Is name one of the space-separated names in list ("*" matches all)? */
static int
nl_name_listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	while (*list != '\0') {
		size_t len = strcspn(list, " ,:");

		if ((len == 1 && list[0] == '*') ||
		    (len == n && n > 0 && strncmp(list, name, n) == 0))
			return 1;
		list += len;
		list += strspn(list, " ,:");
	}
	return 0;
}

/* argv[0] of this process, from /proc (main() has not run yet). */
static void
nl_read_argv0(char *buf, size_t size)
{
	int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	buf[0] = '\0';
	if (fd < 0)
		return;
	n = nl_real.read(fd, buf, size - 1);
	nl_real.close(fd);
	buf[n > 0 ? n : 0] = '\0';
}

/* Does the executable or argv[0] carry a name we were asked to trace? */
static int
nl_program_selected(void)
{
	const char *list = secure_getenv("NETLIFE_PROGRAMS");
	char argv0[PATH_MAX];
	ssize_t n;

	if (list == NULL)
		list = NL_DEFAULT_PROGRAMS;
	n = readlink("/proc/self/exe", nl_cfg.exe, sizeof(nl_cfg.exe) - 1);
	nl_cfg.exe[n > 0 ? n : 0] = '\0';
	nl_read_argv0(argv0, sizeof(argv0));
	return nl_name_listed(list, nl_basename(nl_cfg.exe)) ||
	    nl_name_listed(list, nl_basename(argv0));
}

/*
 * A traced process marks itself in NETLIFE_OWNER; a child that still
 * loads the library (NETLIFE_CHILDREN=keep) sees another pid there and
 * stays inert, even when it is the client itself (boinc --detect_gpus).
 */
static int
nl_owned_by_other(void)
{
	const char *owner = getenv("NETLIFE_OWNER");

	return owner != NULL && atol(owner) != (long)getpid();
}

/* Remove this library from LD_PRELOAD so that children never load it. */
static void
nl_strip_preload(void)
{
	const char *old = getenv("LD_PRELOAD");
	const char *self;
	Dl_info info;
	char out[4096];
	size_t used = 0;

	if (old == NULL || dladdr((void *)nl_strip_preload, &info) == 0 ||
	    info.dli_fname == NULL)
		return;
	self = nl_basename(info.dli_fname);
	while (*old != '\0') {
		size_t len = strcspn(old, " :");
		char entry[PATH_MAX];

		if (len > 0 && len < sizeof(entry)) {
			memcpy(entry, old, len);
			entry[len] = '\0';
			if (strcmp(nl_basename(entry), self) != 0 &&
			    used + len + 2 < sizeof(out)) {
				if (used > 0)
					out[used++] = ' ';
				memcpy(out + used, entry, len);
				used += len;
			}
		}
		old += len;
		old += strspn(old, " :");
	}
	out[used] = '\0';
	if (used == 0)
		unsetenv("LD_PRELOAD");
	else
		setenv("LD_PRELOAD", out, 1);
}

/* Read the settings that matter once this process is traced. */
static void
nl_read_settings(void)
{
	const char *v;

	v = secure_getenv("NETLIFE_TRACE");
	if (v != NULL && strlen(v) < sizeof(nl_cfg.trace_path))
		strcpy(nl_cfg.trace_path, v);
	nl_cfg.trace_max = NL_DEFAULT_TRACE_MAX;
	v = secure_getenv("NETLIFE_TRACE_MAX");
	if (v != NULL && strtoull(v, NULL, 10) >= 4096)
		nl_cfg.trace_max = strtoull(v, NULL, 10);
	v = secure_getenv("NETLIFE_CHILDREN");
	nl_cfg.keep_children = (v != NULL && strcmp(v, "keep") == 0);
}

/*
 * Decide, at load time, whether this process is the one to trace.
 * Runs in the constructor, single-threaded, before main().
 */
void
nl_config_init(void)
{
	char pid[24];
	const char *off = secure_getenv("NETLIFE_DISABLE");

	if (getauxval(AT_SECURE) != 0)
		return;				/* setuid/setgid: inert */
	if (off != NULL && *off != '\0' && strcmp(off, "0") != 0)
		return;
	if (nl_owned_by_other() || !nl_program_selected())
		return;
	nl_read_settings();
	snprintf(pid, sizeof(pid), "%ld", (long)getpid());
	setenv("NETLIFE_OWNER", pid, 1);
	if (!nl_cfg.keep_children)
		nl_strip_preload();
	nl_active = 1;
}

/* In a forked child: trace nothing from now on. */
void
nl_config_forget(void)
{
	nl_active = 0;
}

/*
 * Whether this process is traced, and how: read once, from the
 * environment, when the library is loaded.
 */
#ifndef NL_CONFIG_H
#define NL_CONFIG_H

#include <limits.h>
#include <stdint.h>

#define NL_DEFAULT_TRACE	"netlife-trace.txt"
#define NL_DEFAULT_TRACE_MAX	(8u << 20)
#define NL_DEFAULT_PROGRAMS	"boinc boinc_client"

struct nl_config {
	char		trace_path[PATH_MAX];	/* "" = default, in the cwd */
	uint64_t	trace_max;		/* bytes before rotation */
	int		keep_children;		/* leave LD_PRELOAD alone */
	char		exe[PATH_MAX];		/* /proc/self/exe */
};

extern struct nl_config	nl_cfg;
extern int		nl_active;	/* this process is traced */

void	nl_config_init(void);
void	nl_config_forget(void);

#endif

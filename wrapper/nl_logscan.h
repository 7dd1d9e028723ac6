/*
 * What the client's own log lines say about the exchanges it starts:
 * "[P] Sending scheduler request", "[P] Fetching scheduler list",
 * "[P] Started download of F", "[P] Started upload of F".  The client
 * prints each of these in the same main-loop step in which it hands the
 * transfer to libcurl, so they name the project of an exchange exactly.
 */
#ifndef NL_LOGSCAN_H
#define NL_LOGSCAN_H

#include <stddef.h>

#define NL_PROJECT_MAX	128

enum nl_hint_kind {
	NL_HINT_NONE,
	NL_HINT_DOWNLOAD,
	NL_HINT_UPLOAD
};

void	nl_logscan_line(const char *text, size_t len);
void	nl_logscan_last_sched(char *project, size_t size);
void	nl_logscan_last_master(char *project, size_t size);
int	nl_logscan_file(const char *name, size_t len, char *project,
	    size_t size);
void	nl_logscan_learn_master(const char *project, const char *master_url);
void	nl_logscan_master_of(const char *project, char *url, size_t size);

#endif

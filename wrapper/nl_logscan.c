/*
 * Reading the client's log lines for exchange hints.  Small fixed tables,
 * written by the thread that prints (the client's main thread), read when
 * an exchange ends: bounded memory, no locks.
 */
#include "config.h"

#include <string.h>

#include "nl_logscan.h"

#define NL_FILES	64	/* recent "Started download/upload" lines */
#define NL_MASTERS	32	/* projects whose master URL we know */
#define NL_NAME_MAX	256

struct nl_file_hint {
	char	name[NL_NAME_MAX];
	char	project[NL_PROJECT_MAX];
	int	kind;
	size_t	name_len;	/* strlen(name): compared before the bytes */
};

struct nl_master {
	char	project[NL_PROJECT_MAX];
	char	url[256];
};

static struct nl_file_hint	nl_files[NL_FILES];
static unsigned			nl_files_next;
static unsigned			nl_files_used;	/* filled, <= NL_FILES */
static struct nl_master		nl_masters[NL_MASTERS];
static unsigned			nl_masters_next;
static char			nl_last_sched[NL_PROJECT_MAX];
static char			nl_last_master[NL_PROJECT_MAX];

/* Copy n bytes as a string into a fixed buffer, cutting if needed. */
static void
nl_copy(char *dst, size_t size, const char *src, size_t n)
{
	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Does the text from p (n bytes left) start with word? */
static int
nl_starts(const char *p, size_t n, const char *word)
{
	size_t w = strlen(word);

	return n >= w && memcmp(p, word, w) == 0;
}

/*
 * Split "DD-Mon-YYYY HH:MM:SS [project] message": sets the project tag
 * and returns the message, or NULL if the line has another shape.
 */
static const char *
nl_split(const char *text, size_t len, const char **proj, size_t *plen,
    size_t *mlen)
{
	const char *open, *close;

	if (len < 24 || text[2] != '-' || text[6] != '-' || text[11] != ' ' ||
	    text[20] != ' ' || text[21] != '[')
		return NULL;
	open = text + 22;
	close = memchr(open, ']', len - 22);
	if (close == NULL || (size_t)(close - text) + 2 > len ||
	    close[1] != ' ')
		return NULL;
	*proj = open;
	*plen = (size_t)(close - open);
	*mlen = len - (size_t)(close + 2 - text);
	return close + 2;
}

/* Remember a "Started download/upload of NAME" line. */
static void
nl_note_file(int kind, const char *proj, size_t plen, const char *name,
    size_t nlen)
{
	struct nl_file_hint *h = &nl_files[nl_files_next++ % NL_FILES];

	while (nlen > 0 && (name[nlen - 1] == '\n' || name[nlen - 1] == ' '))
		nlen--;
	nl_copy(h->name, sizeof(h->name), name, nlen);
	h->name_len = strlen(h->name);
	nl_copy(h->project, sizeof(h->project), proj, plen);
	h->kind = kind;
	if (nl_files_used < NL_FILES)
		nl_files_used++;
}

/* Look at one line the client printed. */
void
nl_logscan_line(const char *text, size_t len)
{
	static const char dl[] = "Started download of ";
	static const char ul[] = "Started upload of ";
	const char *proj, *msg;
	size_t plen, mlen;

	msg = nl_split(text, len, &proj, &plen, &mlen);
	if (msg == NULL)
		return;
	if (nl_starts(msg, mlen, "Sending scheduler request"))
		nl_copy(nl_last_sched, sizeof(nl_last_sched), proj, plen);
	else if (nl_starts(msg, mlen, "Fetching scheduler list"))
		nl_copy(nl_last_master, sizeof(nl_last_master), proj, plen);
	else if (nl_starts(msg, mlen, dl))
		nl_note_file(NL_HINT_DOWNLOAD, proj, plen, msg + sizeof(dl) - 1,
		    mlen - (sizeof(dl) - 1));
	else if (nl_starts(msg, mlen, ul))
		nl_note_file(NL_HINT_UPLOAD, proj, plen, msg + sizeof(ul) - 1,
		    mlen - (sizeof(ul) - 1));
}

/* The project of the last "Sending scheduler request" line. */
void
nl_logscan_last_sched(char *project, size_t size)
{
	nl_copy(project, size, nl_last_sched, strlen(nl_last_sched));
}

/* The project of the last "Fetching scheduler list" line. */
void
nl_logscan_last_master(char *project, size_t size)
{
	nl_copy(project, size, nl_last_master, strlen(nl_last_master));
}

/*
 * Was a file of this name started lately?  Returns its kind (and the
 * project), newest first, or NL_HINT_NONE.
 */
int
nl_logscan_file(const char *name, size_t len, char *project, size_t size)
{
	unsigned i;

	for (i = 1; i <= nl_files_used; i++) {
		struct nl_file_hint *h = &nl_files[(nl_files_next - i) %
		    NL_FILES];

		if (h->kind != NL_HINT_NONE && h->name_len == len &&
		    memcmp(h->name, name, len) == 0) {
			nl_copy(project, size, h->project, strlen(h->project));
			return h->kind;
		}
	}
	return NL_HINT_NONE;
}

/* A scheduler reply named a project's master URL. */
void
nl_logscan_learn_master(const char *project, const char *url)
{
	unsigned i;
	struct nl_master *m;

	if (project[0] == '\0' || url[0] == '\0')
		return;
	for (i = 0; i < NL_MASTERS; i++)
		if (strcmp(nl_masters[i].project, project) == 0) {
			nl_copy(nl_masters[i].url, sizeof(nl_masters[i].url),
			    url, strlen(url));
			return;
		}
	m = &nl_masters[nl_masters_next++ % NL_MASTERS];
	nl_copy(m->project, sizeof(m->project), project, strlen(project));
	nl_copy(m->url, sizeof(m->url), url, strlen(url));
}

/* The master URL of a project, or "" if no reply has named it yet. */
void
nl_logscan_master_of(const char *project, char *url, size_t size)
{
	unsigned i;

	url[0] = '\0';
	if (project[0] == '\0')
		return;		/* no project, no master URL */
	for (i = 0; i < NL_MASTERS; i++)
		if (nl_masters[i].project[0] != '\0' &&
		    strcmp(nl_masters[i].project, project) == 0) {
			nl_copy(url, size, nl_masters[i].url,
			    strlen(nl_masters[i].url));
			return;
		}
}

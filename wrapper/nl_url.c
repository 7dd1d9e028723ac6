/*
 * URL redaction.  BOINC puts secrets in query strings (lookup_account.php
 * ?email_addr=&passwd_hash=, login_token_lookup.php?user_id=&token=) and a
 * proxy or a project may put credentials in the user-info part.  The trace
 * keeps scheme, host, port, path and the names of query parameters only.
 */
#include "config.h"

#include <string.h>

#include "nl_url.h"

/* Append n bytes to out if they fit (always leaving room for the NUL). */
static void
nl_url_put(char *out, size_t size, size_t *len, const char *s, size_t n)
{
	if (*len + n >= size) {
		n = *len + 1 < size ? size - *len - 1 : 0;
	}
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
}

/*
 * Copy url to out: user info dropped, every query value emptied, the
 * fragment dropped.  "s://u:p@h/a?x=1&y#f" becomes "s://h/a?x=&y".
 */
void
nl_url_redact(const char *url, char *out, size_t size)
{
	const char *p = url, *scheme_end, *auth_end, *at, *q;
	size_t len = 0;

	if (size == 0)
		return;
	out[0] = '\0';
	scheme_end = strstr(p, "://");
	if (scheme_end != NULL) {
		nl_url_put(out, size, &len, p, (size_t)(scheme_end + 3 - p));
		p = scheme_end + 3;
		auth_end = p + strcspn(p, "/?#");
		at = memchr(p, '@', (size_t)(auth_end - p));
		while (at != NULL) {	/* the last '@' ends the user info */
			p = at + 1;
			at = memchr(p, '@', (size_t)(auth_end - p));
		}
	}
	q = p + strcspn(p, "?#");
	nl_url_put(out, size, &len, p, (size_t)(q - p));
	if (*q != '?')
		return;
	for (p = q; *p != '\0' && *p != '#';) {
		size_t name = strcspn(p + 1, "=&#") + 1;

		nl_url_put(out, size, &len, p, name);	/* '?' or '&', name */
		p += name;
		if (*p == '=') {
			nl_url_put(out, size, &len, "=", 1);
			p += 1 + strcspn(p + 1, "&#");
		}
	}
}

/* The last path component of a URL (for "Started download of NAME"). */
const char *
nl_url_basename(const char *url, size_t *len)
{
	const char *end = url + strcspn(url, "?#");
	const char *start = end;

	while (start > url && start[-1] != '/')
		start--;
	*len = (size_t)(end - start);
	return start;
}

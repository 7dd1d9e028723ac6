/* URLs as the trace may show them: no secret in any part. */
#ifndef NL_URL_H
#define NL_URL_H

#include <stddef.h>

void		 nl_url_redact(const char *url, char *out, size_t size);
const char	*nl_url_basename(const char *url, size_t *len);

#endif

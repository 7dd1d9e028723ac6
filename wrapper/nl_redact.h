/*
 * Secrets out of the client's log lines before they reach the trace.
 * With debug flags on, the client logs URLs with tokens and password
 * hashes in their query strings, HTTP headers with cookies and
 * credentials, and sometimes XML with account keys.
 */
#ifndef NL_REDACT_H
#define NL_REDACT_H

#include <stddef.h>

size_t	nl_redact_log(const char *in, size_t n, char *out, size_t size);

#endif

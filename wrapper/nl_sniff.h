/*
 * What response bytes say about an exchange, looked at as they pass
 * (record library: no libc wrappers, so unit tests link it directly).
 */
#ifndef NL_SNIFF_H
#define NL_SNIFF_H

#include <stddef.h>

int	nl_sniff_master_page(const char *buf, size_t n);

#endif

/*
 * Loopback TCP helpers shared by the benchmark programs: every benchmark
 * talks to 127.0.0.1 only, on a port the kernel picks.
 */
#ifndef NETLIFE_BENCH_LOOPBACK_H
#define NETLIFE_BENCH_LOOPBACK_H

#include <stddef.h>
#include <sys/types.h>

int	loopback_listen(unsigned short *);
int	loopback_connect(unsigned short);
int	send_all(int, const void *, size_t);
int	recv_exact(int, void *, size_t);

#endif

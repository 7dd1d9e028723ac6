/* Wall-clock time for trace records. */
#ifndef NL_CLOCK_H
#define NL_CLOCK_H

#include <stdint.h>

int64_t	nl_now_us(void);
long	nl_utc_offset(void);
void	nl_clock_init(void);

#endif

/*
 * The client's message log.  BOINC prints each line with printf() to
 * stdout (__printf_chk in Debian's fortified build); glibc's stdio then
 * calls its internal __write, which no preload can see.  So the line is
 * taken here, at the stdio call, and stamped to the microsecond.  Only
 * the traced process pays for the copy; other streams pass straight on.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nl_config.h"
#include "nl_lifecycle.h"
#include "nl_real.h"
#include "nl_text.h"

int	__printf_chk(int, const char *, ...);
int	__vprintf_chk(int, const char *, va_list);
int	__fprintf_chk(FILE *, int, const char *, ...);
int	__vfprintf_chk(FILE *, int, const char *, va_list);

/* Is this a write to the traced client's stdout? */
static int
nl_is_log(FILE *stream)
{
	return nl_active && stream == stdout;
}

/* Format what the client just printed and record it as a log line. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
nl_capture(const char *fmt, va_list ap)
{
	char text[NL_TEXT_MAX + 1];
	int saved = errno;
	int n = vsnprintf(text, sizeof(text), fmt, ap);

	if (n > 0)
		nl_on_stdout(text, (size_t)n < sizeof(text) ? (size_t)n :
		    sizeof(text) - 1);
	errno = saved;
}
#pragma GCC diagnostic pop

/*
 * Call the real printf-like function, then capture.  flag < 0 selects
 * the plain variants, otherwise the fortified (_chk) ones.
 */
static int
nl_vprint(FILE *stream, int flag, const char *fmt, va_list ap)
{
	va_list copy;
	int r, log = nl_is_log(stream);

	NL_BIND(vfprintf);
	if (log)
		va_copy(copy, ap);
	if (flag >= 0 && nl_real.vfprintf_chk != NULL)
		r = nl_real.vfprintf_chk(stream, flag, fmt, ap);
	else
		r = nl_real.vfprintf(stream, fmt, ap);
	if (log) {
		nl_capture(fmt, copy);
		va_end(copy);
	}
	return r;
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = nl_vprint(stdout, -1, fmt, ap);
	va_end(ap);
	return r;
}

int
__printf_chk(int flag, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = nl_vprint(stdout, flag, fmt, ap);
	va_end(ap);
	return r;
}

int
vprintf(const char *fmt, va_list ap)
{
	return nl_vprint(stdout, -1, fmt, ap);
}

int
__vprintf_chk(int flag, const char *fmt, va_list ap)
{
	return nl_vprint(stdout, flag, fmt, ap);
}

int
fprintf(FILE *stream, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = nl_vprint(stream, -1, fmt, ap);
	va_end(ap);
	return r;
}

int
__fprintf_chk(FILE *stream, int flag, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = nl_vprint(stream, flag, fmt, ap);
	va_end(ap);
	return r;
}

int
vfprintf(FILE *stream, const char *fmt, va_list ap)
{
	return nl_vprint(stream, -1, fmt, ap);
}

int
__vfprintf_chk(FILE *stream, int flag, const char *fmt, va_list ap)
{
	return nl_vprint(stream, flag, fmt, ap);
}

int
puts(const char *s)
{
	int r;

	NL_BIND(puts);
	r = nl_real.puts(s);
	if (nl_is_log(stdout))
		nl_on_stdout(s, strlen(s));
	return r;
}

int
fputs(const char *s, FILE *stream)
{
	int r;

	NL_BIND(fputs);
	r = nl_real.fputs(s, stream);
	if (nl_is_log(stream))
		nl_on_stdout(s, strlen(s));
	return r;
}

size_t
fwrite(const void *buf, size_t size, size_t n, FILE *stream)
{
	size_t r;

	NL_BIND(fwrite);
	r = nl_real.fwrite(buf, size, n, stream);
	if (nl_is_log(stream) && r > 0)
		nl_on_stdout(buf, r * size);
	return r;
}

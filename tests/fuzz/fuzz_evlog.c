/* fuzz_evlog.c -- libFuzzer harness for every event-log form (stdoutdae,
 * journal, journal JSON, boinccmd, Manager copies).
 *
 * The input is split into lines like a log; each line goes, from its own
 * exact-size heap copy (so that AddressSanitizer sees a read past its
 * end), through every form's sniff and parse, with one state per form kept
 * across lines as a real file would. A result that breaks the interface
 * (pointers outside the line and the state's buffer, a BAD without a
 * reason, a resolution that is none) aborts. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_lines.h"
#include "tl_evlog.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct tl_time_opts opts = { "Europe/Berlin", 1795721419000000LL, 0 };

/* Zone-less stamps are read in the process's zone; one with DST. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "Europe/Berlin", 1);
	return 0;
}

/* p..p+n inside the line or inside the state's decode buffer. */
static int inside(const char *p, size_t n, const char *line, size_t len,
		  const struct tl_evlog_state *st)
{
	if (n == 0)
		return p != NULL;
	if (p >= line && n <= len && p <= line + len - n)
		return 1;
	return p >= st->buf && n <= sizeof st->buf && p <= st->buf + sizeof st->buf - n;
}

/* One line through one form; abort on a broken promise. */
static void check(const struct tl_evlog_format *f, struct tl_evlog_state *st,
		  const char *line, size_t len)
{
	struct tl_logline out;
	int sniffed = f->sniff(line, len);
	if (sniffed != 0 && sniffed != 1)
		abort();
	st->error = NULL;
	switch (f->parse(st, line, len, &out)) {
	case TL_PARSE_SEGMENT:
		if (!inside(out.project, out.project_len, line, len, st) ||
		    !inside(out.msg, out.msg_len, line, len, st) ||
		    !fuzz_power_of_ten(out.t_res_us))
			abort();
		break;
	case TL_PARSE_BAD:
		if (!st->error || !st->error[0])
			abort();
		break;
	case TL_PARSE_SKIP:
		break;
	default:
		abort();
	}
}

/* The states of the forms, one per form, kept across the lines. */
struct run {
	struct tl_evlog_state states[8];
	unsigned nformats;
};

/* One line through every form. */
static void one_line(const char *line, size_t len, void *ctx)
{
	struct run *run = ctx;
	for (unsigned k = 0; k < run->nformats; k++)
		check(tl_evlog_formats[k], &run->states[k], line, len);
}

/* Lines of the input through every form, states kept per form. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run run;
	run.nformats = 0;
	while (tl_evlog_formats[run.nformats])
		run.nformats++;
	for (unsigned k = 0; k < run.nformats; k++)
		tl_evlog_state_init(&run.states[k], &opts);
	fuzz_each_line((const char *)data, (const char *)data + size, one_line, &run);
	return 0;
}

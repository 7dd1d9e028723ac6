/* tl_inputs.h -- the files given to "netlife merge": what each one is (by
 * content, or as named on the command line), which host it belongs to, and
 * reading the small ones (traces, event logs) into the model. */
#ifndef TL_INPUTS_H
#define TL_INPUTS_H

#include "tl_model.h"
#include "tl_fw.h"
#include "tl_evlog.h"
#include "tl_lines.h"

enum tl_input_kind { TL_IN_AUTO = 0, TL_IN_TRACE, TL_IN_EVLOG, TL_IN_FW, TL_IN_PCAP };

struct tl_input {
	const char *path;
	char host[64];			/* label; "" = from the trace / the only host */
	enum tl_input_kind kind;
	const struct tl_fw_format *fw;	/* for TL_IN_FW (NULL: detect) */
	const struct tl_evlog_format *evlog;
	struct tl_badlines bad;
	uint64_t lines, used;		/* lines read, lines that gave something */
	uint64_t skipped;		/* lines of the format that carry nothing */
};

/* Decide what the file is from its first lines. 0, or -1 with a message
 * printed ("cannot tell what FILE is"). */
int tl_input_detect(struct tl_input *in);
const char *tl_input_kind_name(enum tl_input_kind k);

/* Open an input's lines; NULL after saying why on stderr. */
struct tl_lines *tl_input_open(const struct tl_input *in);
/* The input's next non-empty line (every line counted): as tl_lines_next. */
int tl_input_next(struct tl_input *in, struct tl_lines *r, const char **line, size_t *len);
/* Tally one parsed line: 1 if it gave something to use; 0 if it was a line
 * of the format that carries nothing (counted as skipped) or malformed
 * (reported with file:line and counted). */
int tl_input_tally(struct tl_input *in, const struct tl_lines *r, enum tl_parse result,
		   const char *error, const char *line, size_t len);

/* Read a trace / an event log into the model. 0, or -1 if unreadable. */
int tl_input_read_trace(struct tl_input *in, struct tl_model *m);
int tl_input_read_evlog(struct tl_input *in, struct tl_model *m,
			const struct tl_time_opts *time);

#endif

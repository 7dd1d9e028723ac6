/* tl_inputs.c -- telling inputs apart by their content and reading the
 * client-side ones (traces, event logs) into the model. */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tl_inputs.h"
#include "tl_pcap.h"
#include "netlife/trace_format.h"

const char *tl_input_kind_name(enum tl_input_kind k)
{
	static const char *const names[] = { "auto", "trace", "event log", "firewall log", "capture" };
	return names[k];
}

/* The format (among n sniffers) that most of the sample lines look like. */
static int best_sniff(const char lines[][512], const size_t *lens, unsigned nlines,
		      int (*sniff_of)(unsigned idx, const char *, size_t), unsigned nformats,
		      unsigned *hits)
{
	int best = -1;
	*hits = 0;
	for (unsigned f = 0; f < nformats; f++) {
		unsigned h = 0;
		for (unsigned i = 0; i < nlines; i++)
			h += sniff_of(f, lines[i], lens[i]) ? 1 : 0;
		if (h > *hits) {
			*hits = h;
			best = (int)f;
		}
	}
	return best;
}

static int fw_sniff(unsigned idx, const char *l, size_t n) { return tl_fw_formats[idx]->sniff(l, n); }
static int ev_sniff(unsigned idx, const char *l, size_t n) { return tl_evlog_formats[idx]->sniff(l, n); }

static unsigned count_formats(const void *const *list)
{
	unsigned n = 0;
	while (list[n])
		n++;
	return n;
}

/* A capture is told by its magic number; the others by their first lines:
 * the trace's header, then whichever parser's "looks like me" test most of
 * the first non-empty lines pass (event logs win a tie: they are smaller). */
int tl_input_detect(struct tl_input *in)
{
	enum { SAMPLE = 24 };
	static char lines[SAMPLE][512];
	size_t lens[SAMPLE];
	unsigned n = 0;
	if (in->kind == TL_IN_PCAP || (in->kind == TL_IN_AUTO && strcmp(in->path, "-") != 0)) {
		unsigned char head[4];
		int fd = open(in->path, O_RDONLY | O_CLOEXEC);
		ssize_t got = fd >= 0 ? read(fd, head, sizeof head) : -1;
		if (fd >= 0)
			close(fd);
		if (fd < 0) {
			fprintf(stderr, "netlife: %s: %s\n", in->path, strerror(errno));
			return -1;
		}
		if (got == (ssize_t)sizeof head && tl_pcap_sniff(head, sizeof head)) {
			in->kind = TL_IN_PCAP;
			return 0;
		}
	}
	if (in->kind == TL_IN_FW && in->fw)
		return 0;
	if (in->kind == TL_IN_EVLOG && in->evlog)
		return 0;
	struct tl_lines *r = tl_input_open(in);
	if (!r)
		return -1;
	const char *l;
	size_t len;
	while (n < SAMPLE && tl_lines_next(r, &l, &len) > 0) {
		if (len == 0)
			continue;
		if (n == 0 && len >= strlen(NL_TRACE_MAGIC) &&
		    memcmp(l, NL_TRACE_MAGIC, strlen(NL_TRACE_MAGIC)) == 0 &&
		    (in->kind == TL_IN_AUTO || in->kind == TL_IN_TRACE)) {
			in->kind = TL_IN_TRACE;
			tl_lines_close(r);
			return 0;
		}
		lens[n] = len < sizeof lines[0] ? len : sizeof lines[0];
		memcpy(lines[n], l, lens[n]);
		n++;
	}
	tl_lines_close(r);
	unsigned fw_hits = 0, ev_hits = 0;
	int fw = -1, ev = -1;
	if (in->kind == TL_IN_AUTO || in->kind == TL_IN_FW)
		fw = best_sniff(lines, lens, n, fw_sniff, count_formats((const void *const *)tl_fw_formats), &fw_hits);
	if (in->kind == TL_IN_AUTO || in->kind == TL_IN_EVLOG)
		ev = best_sniff(lines, lens, n, ev_sniff, count_formats((const void *const *)tl_evlog_formats), &ev_hits);
	if (ev >= 0 && ev_hits >= fw_hits) {
		in->kind = TL_IN_EVLOG;
		in->evlog = tl_evlog_formats[ev];
		return 0;
	}
	if (fw >= 0) {
		in->kind = TL_IN_FW;
		in->fw = tl_fw_formats[fw];
		return 0;
	}
	fprintf(stderr, "netlife: %s: cannot tell what this is (not a netlife trace, a client "
		"event log, a firewall log or a capture that netlife knows); name it with "
		"--trace/--log/--fw/--pcap and a format (--fw-format, --log-format)\n", in->path);
	return -1;
}

struct tl_lines *tl_input_open(const struct tl_input *in)
{
	struct tl_lines *r = tl_lines_open(in->path);
	if (!r)
		fprintf(stderr, "netlife: %s: %s\n", in->path, strerror(errno));
	return r;
}

/* Every reader of an input counts its lines and passes over empty ones. */
int tl_input_next(struct tl_input *in, struct tl_lines *r, const char **line, size_t *len)
{
	int rc;
	while ((rc = tl_lines_next(r, line, len)) > 0) {
		in->lines++;
		if (*len > 0)
			break;
	}
	return rc;
}

int tl_input_tally(struct tl_input *in, const struct tl_lines *r, enum tl_parse result,
		   const char *error, const char *line, size_t len)
{
	switch (result) {
	case TL_PARSE_SKIP:
		in->skipped++;
		return 0;
	case TL_PARSE_BAD:
		tl_bad_line(&in->bad, r, error ? error : "not a line of this format", line, len);
		return 0;
	case TL_PARSE_SEGMENT:
		break;
	}
	in->used++;
	return 1;
}

/* Trace lines: a header starts a run (a rotation's header continues it);
 * every other line is "STAMP t=... ev=..." and is read from its "t=". */
int tl_input_read_trace(struct tl_input *in, struct tl_model *m)
{
	struct tl_lines *r = tl_input_open(in);
	if (!r)
		return -1;
	unsigned host = in->host[0] ? tl_model_host(m, in->host) : 0;
	int have_host = in->host[0] != 0;
	unsigned run = 0;
	const char *l;
	size_t len;
	int rc;
	while ((rc = tl_input_next(in, r, &l, &len)) > 0) {
		if (l[0] == '#') {
			char label[64] = "";
			const char *h = memmem(l, len, " host=", 6);
			if (h) {
				h += 6;
				size_t k = 0;
				while (h + k < l + len && h[k] != ' ' && k < sizeof label - 1)
					k++;
				memcpy(label, h, k);
				label[k] = '\0';
			}
			if (!have_host) {
				host = tl_model_host(m, label[0] ? label : "client");
				snprintf(in->host, sizeof in->host, "%s", m->hosts[host].label);
				have_host = 1;
			}
			if (!memmem(l, len, " continued=1", 12))
				run = ++m->hosts[host].runs;
			continue;
		}
		if (!have_host) {
			host = tl_model_host(m, "client");
			have_host = 1;
		}
		const char *t = memmem(l, len, " t=", 3);
		const char *error = "no t= field";
		if (t && tl_model_record(m, host, run, t + 1, len - (size_t)(t + 1 - l), &error) == 0)
			in->used++;
		else
			tl_bad_line(&in->bad, r, error, l, len);
	}
	in->bad.count += tl_lines_too_long(r);
	tl_lines_close(r);
	return rc < 0 ? -1 : 0;
}

/* Event-log lines: kept for the timeline (if no trace of the host carries
 * them), and "[conn] ev=..." lines of a patched client read as records. */
int tl_input_read_evlog(struct tl_input *in, struct tl_model *m,
			const struct tl_time_opts *time)
{
	static struct tl_evlog_state st;
	struct tl_lines *r = tl_input_open(in);
	if (!r)
		return -1;
	tl_evlog_state_init(&st, time);
	unsigned host = tl_model_host(m, in->host[0] ? in->host : (m->nhosts ? m->hosts[0].label : "client"));
	snprintf(in->host, sizeof in->host, "%s", m->hosts[host].label);
	unsigned run = m->hosts[host].runs ? m->hosts[host].runs : 1;
	const char *l;
	size_t len;
	int rc;
	char text[4200];
	while ((rc = tl_input_next(in, r, &l, &len)) > 0) {
		struct tl_logline out;
		if (!tl_input_tally(in, r, in->evlog->parse(&st, l, len, &out), st.error, l, len))
			continue;
		if (out.msg_len > 7 && memcmp(out.msg, "[conn] ", 7) == 0) {
			const char *error;
			if (tl_model_record(m, host, run, out.msg + 7, out.msg_len - 7, &error) < 0)
				tl_bad_line(&in->bad, r, error, l, len);
			continue;
		}
		if (out.msg_len >= 29 && memcmp(out.msg, "Starting BOINC client version", 29) == 0)
			run = ++m->hosts[host].runs;
		int n = snprintf(text, sizeof text, "[%.*s] %.*s",
				 out.project_len ? (int)out.project_len : 3,
				 out.project_len ? out.project : "---", (int)out.msg_len, out.msg);
		struct tl_logrec *rec = tl_model_log(m, host, out.t_us, text,
						     n < (int)sizeof text ? (size_t)n : sizeof text - 1);
		rec->from_evlog = 1;
		rec->t_res_us = out.t_res_us;
	}
	in->bad.count += tl_lines_too_long(r);
	tl_lines_close(r);
	return rc < 0 ? -1 : 0;
}

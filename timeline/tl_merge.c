/* tl_merge.c -- "netlife merge": read the client's side (traces, event
 * logs) into memory, stream each firewall log or capture once (keeping only
 * segments of servers the client talked to, in a spool), estimate each
 * source's clock offset, then write everything in time order, each segment
 * attributed and explained. */
#include "config.h"
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tl_attrib.h"
#include "tl_clock.h"
#include "tl_emit.h"
#include "tl_inputs.h"
#include "tl_merge.h"
#include "tl_pcap.h"
#include "tl_spool.h"
#include "tl_summary.h"

#define MAX_INPUTS 64

struct source {			/* a firewall log or capture, once read */
	struct tl_spool spool;
	struct tl_clock_estimate clock;
	uint64_t segments, other_traffic;
	int drops_only;		/* a capture of dropped packets only (no SYN in it) */
};

struct merge {
	struct tl_input in[MAX_INPUTS];
	struct source src[MAX_INPUTS];
	unsigned nin;
	struct tl_model m;
	struct tl_time_opts time;
	const char *out_path, *tz;
	int jsonl, have_offset;
	int64_t offset_us;
	const struct tl_fw_format *fw_format;
	const struct tl_evlog_format *log_format;
};

static void usage(FILE *f)
{
	fputs("usage: netlife merge [options] [-o OUT] INPUT...\n"
	      "Merge netlife traces, the BOINC client's event log and firewall logs or\n"
	      "captures into one timeline; attribute every late or dropped server segment\n"
	      "to its connection and HTTP exchange, and explain it.\n\n"
	      "Inputs are recognised by their content (gzip'd too), or named:\n"
	      "  --trace [HOST=]FILE   a netlife trace (HOST: a label for this client host)\n"
	      "  --log [HOST=]FILE     the client's event log (stdoutdae.txt, journalctl,\n"
	      "                        boinccmd --get_messages, BOINC Manager copy)\n"
	      "  --fw FILE             a firewall log      --pcap FILE  a pcap/pcapng capture\n"
	      "  --fw-format NAME      force a firewall format (netlife formats lists them)\n"
	      "  --log-format NAME     force an event-log format\n"
	      "Options:\n"
	      "  -o, --output FILE     write the timeline here (default: standard output)\n"
	      "  --format text|jsonl   text for people (default), JSONL for programs\n"
	      "  --tz ZONE             zone of times written without one (default: this\n"
	      "                        machine's), e.g. Europe/Berlin; DST-correct\n"
	      "  --clock-offset SECS   the firewall's clock minus the client's (default:\n"
	      "                        estimated per source and reported)\n"
	      "  --boot-time EPOCH     wall time of the gateway's boot, for raw dmesg stamps\n"
	      "  -h, --help            this text\n"
	      "Exit: 0 written (bad input lines are reported and counted), 1 an input or\n"
	      "the output failed, 2 usage.\n", f);
}

/* "[HOST=]FILE" into the next input. */
static int add_input(struct merge *g, enum tl_input_kind kind, const char *arg)
{
	if (g->nin == MAX_INPUTS) {
		fprintf(stderr, "netlife: too many inputs (at most %d)\n", MAX_INPUTS);
		return -1;
	}
	struct tl_input *in = &g->in[g->nin++];
	memset(in, 0, sizeof *in);
	in->kind = kind;
	const char *eq = strchr(arg, '=');
	if (eq && (kind == TL_IN_TRACE || kind == TL_IN_EVLOG) && (size_t)(eq - arg) < sizeof in->host) {
		memcpy(in->host, arg, (size_t)(eq - arg));
		in->host[eq - arg] = '\0';
		arg = eq + 1;
	}
	in->path = arg;
	return 0;
}

/* Seconds with a fraction and a sign into µs; -1 if malformed. */
static int parse_seconds(const char *s, int64_t *us)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || v > 1e9 || v < -1e9)
		return -1;
	*us = (int64_t)(v * 1e6 + (v < 0 ? -0.5 : 0.5));
	return 0;
}

static int parse_args(struct merge *g, int argc, char **argv)
{
	enum { O_TRACE = 256, O_LOG, O_FW, O_PCAP, O_FORMAT, O_TZ, O_OFFSET, O_BOOT, O_FWF, O_LOGF };
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' }, { "help", no_argument, NULL, 'h' },
		{ "trace", required_argument, NULL, O_TRACE }, { "log", required_argument, NULL, O_LOG },
		{ "fw", required_argument, NULL, O_FW }, { "pcap", required_argument, NULL, O_PCAP },
		{ "format", required_argument, NULL, O_FORMAT }, { "tz", required_argument, NULL, O_TZ },
		{ "clock-offset", required_argument, NULL, O_OFFSET },
		{ "boot-time", required_argument, NULL, O_BOOT },
		{ "fw-format", required_argument, NULL, O_FWF }, { "log-format", required_argument, NULL, O_LOGF },
		{ NULL, 0, NULL, 0 }
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		int rc = 0;
		switch (c) {
		case 'o': g->out_path = optarg; break;
		case 'h': usage(stdout); exit(0);
		case O_TRACE: rc = add_input(g, TL_IN_TRACE, optarg); break;
		case O_LOG: rc = add_input(g, TL_IN_EVLOG, optarg); break;
		case O_FW: rc = add_input(g, TL_IN_FW, optarg); break;
		case O_PCAP: rc = add_input(g, TL_IN_PCAP, optarg); break;
		case O_FORMAT:
			if (strcmp(optarg, "jsonl") != 0 && strcmp(optarg, "text") != 0) {
				fprintf(stderr, "netlife merge: --format is text or jsonl\n");
				return -1;
			}
			g->jsonl = strcmp(optarg, "jsonl") == 0;
			break;
		case O_TZ: g->tz = optarg; break;
		case O_OFFSET:
			rc = parse_seconds(optarg, &g->offset_us);
			g->have_offset = 1;
			break;
		case O_BOOT: rc = parse_seconds(optarg, &g->time.boot_us); break;
		case O_FWF:
			if (!(g->fw_format = tl_fw_format_by_name(optarg))) {
				fprintf(stderr, "netlife merge: unknown firewall format '%s' (netlife formats)\n", optarg);
				return -1;
			}
			break;
		case O_LOGF:
			if (!(g->log_format = tl_evlog_format_by_name(optarg))) {
				fprintf(stderr, "netlife merge: unknown event-log format '%s' (netlife formats)\n", optarg);
				return -1;
			}
			break;
		default: return -1;
		}
		if (rc < 0) {
			fprintf(stderr, "netlife merge: bad value for --%s: %s\n", opts[0].name, optarg);
			return -1;
		}
	}
	for (; optind < argc; optind++)
		if (add_input(g, TL_IN_AUTO, argv[optind]) < 0)
			return -1;
	if (g->nin == 0) {
		fprintf(stderr, "netlife merge: no input (netlife merge --help)\n");
		return -1;
	}
	return 0;
}

/* A segment worth keeping: it touches a server the client talked to (or,
 * with no trace at all, any). */
static int relevant(const struct tl_model *m, const struct tl_segment *s)
{
	return m->nconns == 0 || tl_model_knows_server(m, s->src) || tl_model_knows_server(m, s->dst);
}

static int read_fw(struct merge *g, unsigned k)
{
	struct tl_input *in = &g->in[k];
	struct source *src = &g->src[k];
	static struct tl_fw_state st;
	struct tl_lines *r = tl_input_open(in);
	if (!r)
		return -1;
	tl_fw_state_init(&st, &g->time);
	struct tl_spooled rec;
	memset(&rec, 0, sizeof rec);	/* parsers clear only what they use */
	const char *l;
	size_t len;
	int rc;
	while ((rc = tl_input_next(in, r, &l, &len)) > 0) {
		if (!tl_input_tally(in, r, in->fw->parse(&st, l, len, &rec.seg), st.error, l, len))
			continue;
		src->segments++;
		if (!relevant(&g->m, &rec.seg)) {
			src->other_traffic++;
			continue;
		}
		rec.input = k;
		rec.line = tl_lines_lineno(r);
		if (tl_spool_put(&src->spool, &rec) < 0) {
			fprintf(stderr, "netlife: spool: %s\n", strerror(errno));
			rc = -1;
			break;
		}
	}
	in->bad.count += tl_lines_too_long(r);
	tl_lines_close(r);
	if (rc < 0)
		fprintf(stderr, "netlife: %s: read error: %s\n", in->path, strerror(errno));
	return rc < 0 ? -1 : 0;
}

static int read_pcap(struct merge *g, unsigned k)
{
	struct tl_input *in = &g->in[k];
	struct source *src = &g->src[k];
	char err[256];
	struct tl_pcap *p = tl_pcap_open(in->path, err, sizeof err);
	if (!p) {
		fprintf(stderr, "netlife: %s\n", err);
		return -1;
	}
	struct tl_spooled rec;
	uint64_t n = 0, syns = 0;
	int rc;
	while ((rc = tl_pcap_next(p, &rec.seg)) > 0) {
		n++;
		src->segments++;
		if ((rec.seg.flags & (TL_SYN | TL_ACK)) == TL_SYN)
			syns++;
		if (!relevant(&g->m, &rec.seg)) {
			src->other_traffic++;
			continue;
		}
		rec.input = k;
		rec.line = n;
		if (tl_spool_put(&src->spool, &rec) < 0) {
			rc = -1;
			break;
		}
	}
	in->lines = tl_pcap_packets(p);
	in->used = src->segments;
	in->bad.count = tl_pcap_malformed(p);
	src->drops_only = syns == 0;
	if (rc < 0)	/* a cut last record (ulogd still writing) ends the file here */
		fprintf(stderr, "netlife: %s: after packet %llu: %s; the packets before it are used\n",
			in->path, (unsigned long long)n, tl_pcap_error(p));
	if (tl_pcap_flows_evicted(p))
		fprintf(stderr, "netlife: %s: too many flows at once: %llu forgotten (their later "
			"segments carry no capture annotation)\n", in->path,
			(unsigned long long)tl_pcap_flows_evicted(p));
	tl_pcap_close(p);
	return 0;
}

/* From a full capture, only what came late or twice; from logs, all. */
static int listed(const struct source *src, const struct tl_segment *s, const struct tl_attribution *a)
{
	if (!s->from_capture || src->drops_only)
		return 1;
	return a->inbound && (s->cap_after_client_close || s->cap_retransmit ||
			      (a->attributed && a->has_after_close && a->after_close_us > 0));
}

/* Trace-side lines to interleave, by time. */
enum item_type { IT_LOG, IT_OPEN, IT_XCHG, IT_CLOSE };
struct item {
	int64_t t;
	enum item_type type;
	size_t idx;
};

static int by_time(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->t != y->t)
		return (x->t > y->t) - (x->t < y->t);
	if (x->type != y->type)
		return (int)x->type - (int)y->type;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static struct item *collect_items(const struct tl_model *m, size_t *n)
{
	size_t cap = m->nlogs + 2 * m->nconns + m->nxchs + 1, k = 0;
	struct item *it = malloc(cap * sizeof *it);
	if (!it)
		abort();
	for (size_t i = 0; i < m->nlogs; i++)
		if (!m->logs[i].from_evlog || !m->hosts[m->logs[i].host].has_log_records)
			it[k++] = (struct item){ m->logs[i].t_us, IT_LOG, i };
	for (size_t i = 0; i < m->nconns; i++) {
		const struct tl_conn *c = &m->conns[i];
		it[k++] = (struct item){ c->t_established ? c->t_established : c->t_connect, IT_OPEN, i };
		if (c->t_close)
			it[k++] = (struct item){ c->t_close, IT_CLOSE, i };
	}
	for (size_t i = 0; i < m->nxchs; i++)
		it[k++] = (struct item){ m->xchs[i].t_start, IT_XCHG, i };
	qsort(it, k, sizeof *it, by_time);
	*n = k;
	return it;
}

static void emit_item(struct tl_emit *e, const struct tl_model *m, const struct item *it)
{
	switch (it->type) {
	case IT_LOG: tl_emit_log(e, &m->logs[it->idx]); break;
	case IT_OPEN: tl_emit_conn_open(e, &m->conns[it->idx]); break;
	case IT_XCHG: tl_emit_exchange(e, &m->xchs[it->idx]); break;
	case IT_CLOSE: tl_emit_conn_close(e, &m->conns[it->idx]); break;
	}
}

/* Per source, one pass: the picture of each connection's drops. */
static void gather_drops(struct merge *g, unsigned k, struct tl_conn_drops *drops)
{
	struct source *src = &g->src[k];
	struct tl_spooled rec;
	struct tl_attribution a;
	tl_spool_rewind(&src->spool);
	while (tl_spool_get(&src->spool, &rec)) {
		tl_attribute(&g->m, &rec.seg, src->clock.offset_us, &a);
		if (a.attributed && listed(src, &rec.seg, &a))
			tl_drops_add(&drops[a.conn], &rec.seg, &a);
	}
	tl_spool_rewind(&src->spool);
}

/* The k-way merge: trace items and each source's spool, by time. */
static void write_timeline(struct merge *g, struct tl_emit *e, struct tl_conn_drops *drops,
			   struct tl_summary *sum)
{
	size_t nitems, next = 0;
	struct item *items = collect_items(&g->m, &nitems);
	struct head {
		int have;
		struct tl_spooled rec;
		struct tl_attribution a;
	} *heads = calloc(g->nin, sizeof *heads);
	if (!heads)
		abort();
	for (size_t i = 0; i < g->m.nxchs; i++)
		tl_summary_exchange(sum, &g->m.xchs[i]);
	for (;;) {
		int best = -1;
		for (unsigned k = 0; k < g->nin; k++) {
			struct source *src = &g->src[k];
			struct head *h = &heads[k];
			if (!src->spool.f)
				continue;
			while (!h->have && tl_spool_get(&src->spool, &h->rec)) {
				tl_attribute(&g->m, &h->rec.seg, src->clock.offset_us, &h->a);
				h->have = listed(src, &h->rec.seg, &h->a);
			}
			if (h->have && (best < 0 || h->a.t_host < heads[best].a.t_host))
				best = (int)k;
		}
		if (next < nitems && (best < 0 || items[next].t <= heads[best].a.t_host)) {
			emit_item(e, &g->m, &items[next++]);
			continue;
		}
		if (best < 0)
			break;
		struct head *h = &heads[best];
		if (h->a.attributed)
			tl_explain(&g->m, &drops[h->a.conn], &h->rec.seg, &h->a);
		tl_emit_segment(e, &h->rec.seg, g->in[best].path, (unsigned long long)h->rec.line, &h->a);
		tl_summary_segment(sum, &g->m, &h->a);
		h->have = 0;
	}
	free(heads);
	free(items);
}

static int read_inputs(struct merge *g)
{
	int failed = 0;
	for (unsigned k = 0; k < g->nin; k++) {
		struct tl_input *in = &g->in[k];
		if (in->kind == TL_IN_FW && g->fw_format)
			in->fw = g->fw_format;
		if (in->kind == TL_IN_EVLOG && g->log_format)
			in->evlog = g->log_format;
		if (tl_input_detect(in) < 0)
			return -1;
	}
	/* Traces first (they name the hosts), then event logs, then the rest. */
	for (unsigned k = 0; k < g->nin; k++)
		if (g->in[k].kind == TL_IN_TRACE)
			failed |= tl_input_read_trace(&g->in[k], &g->m) < 0;
	for (unsigned k = 0; k < g->nin; k++)
		if (g->in[k].kind == TL_IN_EVLOG)
			failed |= tl_input_read_evlog(&g->in[k], &g->m, &g->time) < 0;
	tl_model_finish(&g->m);
	g->time.ref_us = g->m.t_min;
	for (unsigned k = 0; k < g->nin; k++) {
		struct tl_input *in = &g->in[k];
		if (in->kind != TL_IN_FW && in->kind != TL_IN_PCAP)
			continue;
		if (tl_spool_open(&g->src[k].spool) < 0) {
			fprintf(stderr, "netlife: cannot make a temporary file: %s\n", strerror(errno));
			return -1;
		}
		failed |= (in->kind == TL_IN_FW ? read_fw(g, k) : read_pcap(g, k)) < 0;
		if (g->have_offset) {
			g->src[k].clock.offset_us = g->offset_us;
			g->src[k].clock.applied = 1;
			snprintf(g->src[k].clock.how, sizeof g->src[k].clock.how, "given with --clock-offset");
		} else {
			tl_clock_estimate(&g->m, &g->src[k].spool, &g->src[k].clock);
		}
	}
	return failed ? -1 : 0;
}

static const char *format_name(const struct tl_input *in)
{
	switch (in->kind) {
	case TL_IN_FW: return in->fw->name;
	case TL_IN_EVLOG: return in->evlog->name;
	case TL_IN_PCAP: return "pcap";
	default: return "netlife-trace";
	}
}

/* Bad lines are said per file at the end too (stderr), counted in the output. */
static void report_inputs(struct merge *g, struct tl_emit *e)
{
	for (unsigned k = 0; k < g->nin; k++) {
		struct tl_input *in = &g->in[k];
		tl_emit_input(e, in->path, tl_input_kind_name(in->kind), format_name(in), in->host,
			      (unsigned long long)in->lines, (unsigned long long)in->used,
			      (unsigned long long)in->bad.count);
		if (in->bad.count)
			fprintf(stderr, "netlife: %s: %llu malformed line(s) skipped and counted\n",
				in->path, (unsigned long long)in->bad.count);
		if (in->kind == TL_IN_FW || in->kind == TL_IN_PCAP) {
			struct source *src = &g->src[k];
			tl_emit_clock(e, in->path, &src->clock);
			if (src->other_traffic) {
				char text[256];
				snprintf(text, sizeof text, "%s: %llu segment(s) of hosts the client never talked to, not listed",
					 in->path, (unsigned long long)src->other_traffic);
				tl_emit_note(e, text);
			}
		}
	}
	if (g->m.nconns == 0) {
		tl_emit_note(e, "no connection records (no trace, no [conn] lines): nothing can be "
				"attributed; run the client under netlife-run or with <conn_debug>");
	}
}

int tl_merge_main(int argc, char **argv)
{
	static struct merge g;
	memset(&g, 0, sizeof g);
	tl_model_init(&g.m);
	if (parse_args(&g, argc, argv) < 0)
		return 2;
	if (tl_time_use_zone(g.tz) < 0) {
		fprintf(stderr, "netlife merge: unknown time zone '%s'\n", g.tz);
		return 2;
	}
	g.time.tz = g.tz;
	if (read_inputs(&g) < 0)
		return 1;	/* said on stderr; no half timeline */
	int status = 0;
	FILE *out = g.out_path ? fopen(g.out_path, "w") : stdout;
	if (!out) {
		fprintf(stderr, "netlife: %s: %s\n", g.out_path, strerror(errno));
		return 1;
	}
	struct tl_emit e = { out, g.jsonl, &g.m, &g.time };
	struct tl_conn_drops *drops = calloc(g.m.nconns + 1, sizeof *drops);
	static struct tl_summary sum;
	memset(&sum, 0, sizeof sum);
	if (!drops)
		abort();
	tl_emit_header(&e, g.tz ? g.tz : "local", g.nin);
	report_inputs(&g, &e);
	for (unsigned k = 0; k < g.nin; k++)
		if (g.src[k].spool.f)
			gather_drops(&g, k, drops);
	write_timeline(&g, &e, drops, &sum);
	tl_summary_emit(&sum, &e);
	if (g.m.bad_records)
		fprintf(stderr, "netlife: %llu malformed trace record(s) counted\n", (unsigned long long)g.m.bad_records);
	for (unsigned k = 0; k < g.nin; k++)
		tl_spool_close(&g.src[k].spool);
	free(drops);
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
		fprintf(stderr, "netlife: writing the timeline: %s\n", strerror(errno));
		status = 1;
	}
	tl_model_free(&g.m);
	return status;
}

/* tl_emit.c -- one function per kind of timeline line, each in two forms. */
#include "config.h"
#include <inttypes.h>
#include <string.h>
#include "tl_emit.h"
#include "tl_time.h"

#define S(us) ((double)(us) / 1e6)

void tl_json_string(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
}

static void jstr(FILE *f, const char *key, const char *v)
{
	fprintf(f, ",\"%s\":\"", key);
	tl_json_string(f, v ? v : "", v ? strlen(v) : 0);
	fputc('"', f);
}

/* A text tail value: bare if safe, else quoted as in the trace format. */
static void kv(FILE *f, const char *key, const char *v)
{
	int quote = !*v;
	for (const char *p = v; *p; p++)
		if (*p == ' ' || *p == '"' || *p == '\\' || *p == '=' || *p == '}' ||
		    (unsigned char)*p < 0x20)
			quote = 1;
	fprintf(f, " %s=", key);
	if (!quote) {
		fputs(v, f);
		return;
	}
	fputc('"', f);
	for (const char *p = v; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* "STAMP HOST SOURCE " at the start of a text line. */
static void lead(struct tl_emit *e, int64_t t, const char *host, const char *source)
{
	char stamp[40];
	tl_time_format(e->time, t, stamp, sizeof stamp);
	fprintf(e->f, "%s %-8s %-5s ", stamp, host, source);
}

static const char *host_of(const struct tl_emit *e, unsigned h)
{
	return e->m->hosts[h].label;
}

void tl_emit_header(struct tl_emit *e, const char *tz, unsigned ninputs)
{
	if (e->jsonl)
		fprintf(e->f, "{\"type\":\"header\",\"format\":\"netlife-timeline\",\"version\":1,\"inputs\":%u", ninputs);
	else
		fprintf(e->f, "#netlife-timeline 1 tz=%s inputs=%u\n", tz, ninputs);
	if (e->jsonl) {
		jstr(e->f, "tz", tz);
		fputs("}\n", e->f);
	}
}

void tl_emit_input(struct tl_emit *e, const char *path, const char *kind, const char *format,
		   const char *host, unsigned long long lines, unsigned long long used,
		   unsigned long long bad)
{
	if (e->jsonl) {
		fputs("{\"type\":\"input\"", e->f);
		jstr(e->f, "path", path);
		jstr(e->f, "kind", kind);
		jstr(e->f, "format", format);
		jstr(e->f, "host", host);
		fprintf(e->f, ",\"lines\":%llu,\"used\":%llu,\"bad\":%llu}\n", lines, used, bad);
		return;
	}
	fprintf(e->f, "# input %s: %s (%s)%s%s, %llu lines, %llu used, %llu bad\n", path, kind,
		format, host[0] ? ", host " : "", host, lines, used, bad);
}

void tl_emit_clock(struct tl_emit *e, const char *path, const struct tl_clock_estimate *c)
{
	if (e->jsonl) {
		fputs("{\"type\":\"clock_offset\"", e->f);
		jstr(e->f, "source", path);
		fprintf(e->f, ",\"offset_us\":%" PRId64 ",\"matched\":%u,\"exact\":%s,\"applied\":%s",
			c->offset_us, c->matched, c->exact ? "true" : "false", c->applied ? "true" : "false");
		jstr(e->f, "how", c->how);
		fputs("}\n", e->f);
		return;
	}
	fprintf(e->f, "# clock %s: %+.3f s relative to the client%s (%s)\n", path, S(c->offset_us),
		c->applied ? ", applied" : ", clocks agree", c->how);
}

void tl_emit_log(struct tl_emit *e, const struct tl_logrec *l)
{
	if (e->jsonl) {
		fprintf(e->f, "{\"type\":\"log\",\"t_us\":%" PRId64, l->t_us);
		jstr(e->f, "host", host_of(e, l->host));
		jstr(e->f, "source", l->from_evlog ? "evlog" : "trace");
		jstr(e->f, "text", l->text);
		fputs("}\n", e->f);
		return;
	}
	lead(e, l->t_us, host_of(e, l->host), "log");
	fprintf(e->f, "%s  {t=%" PRId64 " type=log}\n", l->text, l->t_us);
}

static void conn_list_text(FILE *f, const struct tl_model *m, const struct tl_conn *c)
{
	for (unsigned i = 0; i < c->nxch; i++)
		fprintf(f, "%sx%u", i ? "," : "", m->xchs[c->xch[i]].id);
}

void tl_emit_conn_open(struct tl_emit *e, const struct tl_conn *c)
{
	int64_t t = c->t_established ? c->t_established : c->t_connect;
	if (e->jsonl) {
		fprintf(e->f, "{\"type\":\"conn\",\"event\":\"%s\",\"t_us\":%" PRId64 ",\"conn\":%u",
			c->failed ? "connect_fail" : "open", t, c->id);
		jstr(e->f, "host", host_of(e, c->host));
		fprintf(e->f, ",\"local\":\"%s:%u\",\"remote\":\"%s:%u\",\"client_port\":%u,\"t_connect_us\":%" PRId64 "}\n",
			c->local, c->lport, c->remote, c->rport, c->lport, c->t_connect);
		return;
	}
	lead(e, t, host_of(e, c->host), "conn");
	fprintf(e->f, "c%u %s %s:%u -> %s:%u", c->id, c->failed ? "connect failed" : "open",
		c->local[0] ? c->local : "-", c->lport, c->remote, c->rport);
	if (c->t_established && c->t_connect)
		fprintf(e->f, " (connect %.1f ms)", (double)(c->t_established - c->t_connect) / 1000);
	fprintf(e->f, "  {t=%" PRId64 " type=conn conn=%u port=%u}\n", t, c->id, c->lport);
}

void tl_emit_conn_close(struct tl_emit *e, const struct tl_conn *c)
{
	if (e->jsonl) {
		fprintf(e->f, "{\"type\":\"conn\",\"event\":\"close\",\"t_us\":%" PRId64 ",\"conn\":%u", c->t_close, c->id);
		jstr(e->f, "host", host_of(e, c->host));
		fprintf(e->f, ",\"client_port\":%u,\"close\":\"%s\",\"unread\":%llu,\"closed_first\":\"%s\"",
			c->lport, tl_close_name(c->close), (unsigned long long)c->unread,
			c->closed_first_server ? "server" : "client");
		jstr(e->f, "history", c->history);
		fputs(",\"exchanges\":[", e->f);
		for (unsigned i = 0; i < c->nxch; i++)
			fprintf(e->f, "%s%u", i ? "," : "", e->m->xchs[c->xch[i]].id);
		fputs("]}\n", e->f);
		return;
	}
	lead(e, c->t_close, host_of(e, c->host), "conn");
	fprintf(e->f, "c%u close %s", c->id, tl_close_name(c->close));
	if (c->unread)
		fprintf(e->f, " with %llu unread bytes", (unsigned long long)c->unread);
	fprintf(e->f, ", %s closed first, %s:%u, %llu/%llu bytes, history %s, carried ",
		c->closed_first_server ? "server" : "client", c->remote, c->rport,
		(unsigned long long)c->sent, (unsigned long long)c->recv, c->history[0] ? c->history : "-");
	conn_list_text(e->f, e->m, c);
	fprintf(e->f, "%s  {t=%" PRId64 " type=conn conn=%u port=%u}\n", c->nxch ? "" : "nothing",
		c->t_close, c->id, c->lport);
}

void tl_emit_exchange(struct tl_emit *e, const struct tl_exchange *x)
{
	const char *project = x->project ? x->project : "-";
	if (e->jsonl) {
		fprintf(e->f, "{\"type\":\"exchange\",\"t_us\":%" PRId64 ",\"t_end_us\":%" PRId64 ",\"exchange\":%u",
			x->t_start, x->t_end, x->id);
		jstr(e->f, "host", host_of(e, x->host));
		jstr(e->f, "kind", x->kind);
		jstr(e->f, "project", project);
		jstr(e->f, "method", x->method);
		jstr(e->f, "url", x->url);
		jstr(e->f, "http", x->http);
		fprintf(e->f, ",\"status\":%d", x->status);
		jstr(e->f, "outcome", x->outcome);
		fprintf(e->f, ",\"reused\":%s,\"conns\":[", x->reused ? "true" : "false");
		for (unsigned i = 0; i < x->nconn; i++)
			fprintf(e->f, "%s%u", i ? "," : "", x->conn_ids[i]);
		fputs("]", e->f);
		if (x->summary)
			jstr(e->f, "summary", x->summary);
		fputs("}\n", e->f);
		return;
	}
	lead(e, x->t_start, host_of(e, x->host), "xchg");
	fprintf(e->f, "x%u %s [%s] %s %s -> %d %s, %llu/%llu bytes, %.3f s, on ", x->id, x->kind,
		project, x->method, x->url ? x->url : "-", x->status, x->outcome,
		(unsigned long long)x->sent, (unsigned long long)x->recv,
		x->t_end ? S(x->t_end - x->t_start) : 0.0);
	for (unsigned i = 0; i < x->nconn; i++)
		fprintf(e->f, "%sc%u", i ? "," : "", x->conn_ids[i]);
	fprintf(e->f, "%s%s%s%s ", x->nconn ? "" : "-", x->reused ? " (reused)" : "",
		x->summary ? "; " : "", x->summary ? x->summary : "");
	fprintf(e->f, " {t=%" PRId64 " type=exchange exchange=%u", x->t_start, x->id);
	kv(e->f, "kind", x->kind);
	kv(e->f, "project", project);
	fputs("}\n", e->f);
}

void tl_emit_segment(struct tl_emit *e, const struct tl_segment *seg, const char *source,
		     unsigned long long line, const struct tl_attribution *a)
{
	const struct tl_model *m = e->m;
	const struct tl_conn *c = a->attributed ? &m->conns[a->conn] : NULL;
	const struct tl_exchange *x = c && a->exchange >= 0 ? &m->xchs[a->exchange] : NULL;
	char flags[48];
	if (seg->kind == TL_KIND_CT_EVENT)
		snprintf(flags, sizeof flags, "-");
	else if (seg->has_flags)
		tl_flags_words(seg->flags, flags, sizeof flags);
	else
		snprintf(flags, sizeof flags, "?");
	const char *host = c ? host_of(e, c->host) : "-";
	if (e->jsonl) {
		fprintf(e->f, "{\"type\":\"segment\",\"t_us\":%" PRId64 ",\"t_src_us\":%" PRId64,
			a->t_host, seg->t_us);
		jstr(e->f, "source", source);
		fprintf(e->f, ",\"line\":%llu,\"attributed\":%s,\"inbound\":%s", line,
			a->attributed ? "true" : "false", a->inbound ? "true" : "false");
		jstr(e->f, "host", host);
		if (c)
			fprintf(e->f, ",\"conn\":%u,\"client_port\":%u,\"server\":\"%s:%u\"", c->id,
				c->lport, c->remote, c->rport);
		if (x) {
			fprintf(e->f, ",\"exchange\":%u", x->id);
			jstr(e->f, "kind", x->kind);
			jstr(e->f, "project", x->project ? x->project : "-");
			jstr(e->f, "url", x->url);
		} else {
			fputs(",\"exchange\":null", e->f);
		}
		if (a->n_in_flight) {
			fputs(",\"in_flight\":[", e->f);
			for (unsigned i = 0; i < a->n_in_flight; i++)
				fprintf(e->f, "%s%u", i ? "," : "", m->xchs[a->in_flight[i]].id);
			fputs("]", e->f);
		}
		fprintf(e->f, ",\"src\":\"%s:%u\",\"dst\":\"%s:%u\"", seg->src, seg->sport, seg->dst, seg->dport);
		jstr(e->f, "flags", flags);
		if (seg->has_seq)
			fprintf(e->f, ",\"seq\":%u", seg->seq);
		if (seg->has_len)
			fprintf(e->f, ",\"len\":%u", seg->len);
		jstr(e->f, "label", seg->label);
		if (a->has_after_close)
			fprintf(e->f, ",\"after_close_us\":%" PRId64, a->after_close_us);
		if (a->attributed) {
			jstr(e->f, "cause", a->cause);
			jstr(e->f, "explanation", a->explanation);
		} else {
			jstr(e->f, "reason", a->reason);
		}
		fputs("}\n", e->f);
		return;
	}
	lead(e, a->t_host, host, "fw");
	if (a->attributed) {
		fprintf(e->f, "    %s c%u", a->inbound ? "LATE" : "OUT ", c->id);
		if (x)
			fprintf(e->f, " x%u %s [%s]", x->id, x->kind, x->project ? x->project : "-");
		fprintf(e->f, " %s [%s] %s:%u > %s:%u", seg->label[0] ? seg->label : "logged", flags,
			seg->src, seg->sport, seg->dst, seg->dport);
		fprintf(e->f, ": %s: %s (%s:%llu)", a->cause, a->explanation, source, line);
	} else {
		fprintf(e->f, "    UNATTRIBUTED %s [%s] %s:%u > %s:%u: %s (%s:%llu)",
			seg->label[0] ? seg->label : "logged", flags, seg->src, seg->sport, seg->dst,
			seg->dport, a->reason, source, line);
	}
	fprintf(e->f, "  {t=%" PRId64 " type=segment late=%d", a->t_host, a->attributed && a->inbound);
	if (c)
		fprintf(e->f, " conn=%u port=%u", c->id, c->lport);
	else
		fprintf(e->f, " port=%u", seg->dport);
	if (x) {
		fprintf(e->f, " exchange=%u", x->id);
		kv(e->f, "kind", x->kind);
		kv(e->f, "project", x->project ? x->project : "-");
	}
	kv(e->f, "cause", a->attributed ? a->cause : "unattributed");
	fputs("}\n", e->f);
}

void tl_emit_summary_row(struct tl_emit *e, const char *group, const char *name,
			 unsigned long long contacts, unsigned long long late,
			 const char *causes, double delay_min, double delay_max)
{
	if (e->jsonl) {
		fputs("{\"type\":\"summary\"", e->f);
		jstr(e->f, "group", group);
		jstr(e->f, "name", name);
		fprintf(e->f, ",\"exchanges\":%llu,\"late_segments\":%llu", contacts, late);
		jstr(e->f, "causes", causes);
		if (late)
			fprintf(e->f, ",\"delay_after_close_min_s\":%.3f,\"delay_after_close_max_s\":%.3f",
				delay_min, delay_max);
		fputs("}\n", e->f);
		return;
	}
	fprintf(e->f, "# summary %-7s %-24s %4llu exchanges, %4llu late segments", group, name, contacts, late);
	if (late)
		fprintf(e->f, ", %.3f..%.3f s after close; %s", delay_min, delay_max, causes);
	fputc('\n', e->f);
}

void tl_emit_note(struct tl_emit *e, const char *text)
{
	if (e->jsonl) {
		fputs("{\"type\":\"note\"", e->f);
		jstr(e->f, "text", text);
		fputs("}\n", e->f);
		return;
	}
	fprintf(e->f, "# %s\n", text);
}

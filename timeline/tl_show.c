/* tl_show.c -- the timeline's text form is made to be read back: every line
 * after the header is "STAMP HOST SOURCE text  {t=... type=... key=...}",
 * and the braces carry what the filters need. */
#include "config.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tl_kv.h"
#include "tl_lines.h"
#include "tl_show.h"
#include "tl_time.h"


int tl_timeline_line_parse(const char *l, size_t len, struct tl_timeline_line *out)
{
	if (len < 30 || l[0] == '#' || l[len - 1] != '}')
		return -1;
	const char *open = NULL;
	for (size_t i = len; i-- > 0;)
		if (l[i] == '{' && i >= 2 && l[i - 1] == ' ') {
			open = l + i;
			break;
		}
	if (!open)
		return -1;
	const char *error;
	uint64_t t;	/* µs in the tail */
	if (tl_kv_parse(&out->kv, open + 1, (size_t)(l + len - 1 - (open + 1)), &error) < 0 ||
	    tl_kv_u64(&out->kv, "t", &t) < 0 || t > INT64_MAX)
		return -1;
	out->t = (int64_t)t;
	out->text = l;
	out->human_len = (size_t)(open - l);
	while (out->human_len && l[out->human_len - 1] == ' ')
		out->human_len--;
	/* host: the third word (the stamp is two) */
	const char *p = memchr(l, ' ', len);
	p = p ? memchr(p + 1, ' ', (size_t)(l + len - p - 1)) : NULL;
	out->host[0] = '\0';
	if (p) {
		p++;
		size_t k = 0;
		while (p + k < l + len && p[k] != ' ' && k < sizeof out->host - 1)
			k++;
		memcpy(out->host, p, k);
		out->host[k] = '\0';
	}
	return 0;
}

/* A time given on the command line: epoch seconds or a stamp (local). */
static int parse_when(const char *s, int64_t *t)
{
	static const struct tl_time_opts opts;
	size_t n = strlen(s);
	unsigned res;
	if (tl_time_epoch(s, n, t, &res) == n || tl_time_iso(&opts, s, n, t, &res) == n ||
	    tl_time_boinc(&opts, s, n, t, &res) == n)
		return 0;
	return -1;
}

struct filter {
	const char *project, *kind, *host, *cause, *types;
	int64_t since, until;
	int late, raw, by_exchange;
};

/* 1 if word is one of the comma-separated list. */
static int in_list(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; p && *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len == n && memcmp(p, word, n) == 0)
			return 1;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

static int keep(const struct filter *f, struct tl_timeline_line *ln)
{
	const char *v;
	if (f->project && (!(v = tl_kv_get(&ln->kv, "project")) || strcmp(v, f->project) != 0))
		return 0;
	if (f->kind && (!(v = tl_kv_get(&ln->kv, "kind")) || strcmp(v, f->kind) != 0))
		return 0;
	if (f->cause && (!(v = tl_kv_get(&ln->kv, "cause")) || strcmp(v, f->cause) != 0))
		return 0;
	if (f->host && strcmp(ln->host, f->host) != 0)
		return 0;
	const char *type = tl_kv_get(&ln->kv, "type");
	if (f->types && (!type || !in_list(f->types, type)))
		return 0;
	/* --late picks segments; grouped by exchange, the exchanges stay */
	if (f->late && !(f->by_exchange && type && strcmp(type, "exchange") == 0) &&
	    (!(v = tl_kv_get(&ln->kv, "late")) || strcmp(v, "1") != 0))
		return 0;
	if (f->since && ln->t < f->since)
		return 0;
	if (f->until && ln->t > f->until)
		return 0;
	return 1;
}

static void show_usage(FILE *f)
{
	fputs("usage: netlife show [options] TIMELINE\n"
	      "Print a merged timeline (text form), filtered:\n"
	      "  --project NAME   lines of this project's exchanges\n"
	      "  --kind KIND      scheduler_rpc, download, upload, master_page, ...\n"
	      "  --host LABEL     one client host\n"
	      "  --cause CAUSE    late segments with this cause (rst_unread, late_fin, ...)\n"
	      "  --since T, --until T   epoch seconds or \"YYYY-MM-DD HH:MM:SS\" (local)\n"
	      "  --late           only late (attributed, inbound) segments\n"
	      "  --type LIST      only these kinds of line: log,conn,exchange,segment\n"
	      "  --by-exchange    each exchange, then the segments attributed to it\n"
	      "                   (those of no exchange at the end); holds the printed\n"
	      "                   lines in memory\n"
	      "  --raw            keep the {key=value} tails\n"
	      "Exit: 0 lines printed, 1 nothing matched or unreadable, 2 usage.\n", f);
}

/* Walk a timeline, calling fn on each parsed line; -1 if unreadable. */
static int walk(const char *path, int (*fn)(struct tl_timeline_line *, void *), void *arg)
{
	struct tl_lines *r = tl_lines_open(path);
	if (!r) {
		fprintf(stderr, "netlife: %s: %s\n", path, strerror(errno));
		return -1;
	}
	static struct tl_timeline_line ln;
	const char *l;
	size_t len;
	int rc, first = 1;
	while ((rc = tl_lines_next(r, &l, &len)) > 0) {
		if (first && (len < 18 || memcmp(l, "#netlife-timeline", 17) != 0)) {
			fprintf(stderr, "netlife: %s: not a netlife timeline (text form; written by netlife merge)\n", path);
			tl_lines_close(r);
			return -1;
		}
		first = 0;
		if (tl_timeline_line_parse(l, len, &ln) == 0 && fn(&ln, arg) < 0)
			break;
	}
	tl_lines_close(r);
	return rc < 0 ? -1 : 0;
}

/* A kept line, for --by-exchange: its text and its exchange's key. */
struct held {
	char *text;
	char key[96];		/* "host exchange" */
	int is_exchange, printed;
};

struct show_ctx {
	const struct filter *f;
	unsigned long long printed;
	struct held *held;
	size_t nheld, cap;
};

static void hold(struct show_ctx *c, struct tl_timeline_line *ln, size_t n)
{
	if (c->nheld == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->held = realloc(c->held, c->cap * sizeof *c->held);
		if (!c->held)
			abort();
	}
	struct held *h = &c->held[c->nheld++];
	const char *type = tl_kv_get(&ln->kv, "type"), *x = tl_kv_get(&ln->kv, "exchange");
	h->text = strndup(ln->text, n);
	if (!h->text)
		abort();
	h->is_exchange = type && strcmp(type, "exchange") == 0;
	h->printed = 0;
	snprintf(h->key, sizeof h->key, "%s %s", ln->host, x ? x : "");
}

static int show_one(struct tl_timeline_line *ln, void *arg)
{
	struct show_ctx *c = arg;
	if (!keep(c->f, ln))
		return 0;
	size_t n = c->f->raw ? strlen(ln->text) : ln->human_len;
	if (c->f->by_exchange) {
		const char *type = tl_kv_get(&ln->kv, "type");
		if (type && (strcmp(type, "exchange") == 0 || strcmp(type, "segment") == 0))
			hold(c, ln, n);
		return 0;
	}
	printf("%.*s\n", (int)n, ln->text);
	c->printed++;
	return 0;
}

/* Each exchange with a segment (or every exchange, without --late), then
 * its segments; then the segments of no exchange. */
static void print_by_exchange(struct show_ctx *c)
{
	for (size_t i = 0; i < c->nheld; i++) {
		struct held *x = &c->held[i];
		if (!x->is_exchange)
			continue;
		unsigned segs = 0;
		for (size_t j = 0; j < c->nheld; j++)
			segs += !c->held[j].is_exchange && strcmp(c->held[j].key, x->key) == 0;
		if (c->f->late && !segs)
			continue;
		printf("%s\n", x->text);
		c->printed++;
		for (size_t j = 0; j < c->nheld; j++) {
			struct held *g = &c->held[j];
			if (!g->is_exchange && !g->printed && strcmp(g->key, x->key) == 0) {
				printf("%s\n", g->text);
				g->printed = 1;
				c->printed++;
			}
		}
	}
	int header = 0;
	for (size_t j = 0; j < c->nheld; j++) {
		struct held *g = &c->held[j];
		if (g->is_exchange || g->printed)
			continue;
		if (!header++)
			printf("# segments of no exchange:\n");
		printf("%s\n", g->text);
		c->printed++;
	}
	for (size_t j = 0; j < c->nheld; j++)
		free(c->held[j].text);
	free(c->held);
}

int tl_show_main(int argc, char **argv)
{
	enum { O_PROJECT = 256, O_KIND, O_HOST, O_CAUSE, O_SINCE, O_UNTIL, O_LATE, O_RAW, O_TYPE, O_BYX };
	static const struct option opts[] = {
		{ "project", required_argument, NULL, O_PROJECT }, { "kind", required_argument, NULL, O_KIND },
		{ "host", required_argument, NULL, O_HOST }, { "cause", required_argument, NULL, O_CAUSE },
		{ "since", required_argument, NULL, O_SINCE }, { "until", required_argument, NULL, O_UNTIL },
		{ "late", no_argument, NULL, O_LATE }, { "raw", no_argument, NULL, O_RAW },
		{ "type", required_argument, NULL, O_TYPE }, { "by-exchange", no_argument, NULL, O_BYX },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	struct filter f = { 0 };
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_PROJECT: f.project = optarg; break;
		case O_KIND: f.kind = optarg; break;
		case O_HOST: f.host = optarg; break;
		case O_CAUSE: f.cause = optarg; break;
		case O_LATE: f.late = 1; break;
		case O_RAW: f.raw = 1; break;
		case O_TYPE: f.types = optarg; break;
		case O_BYX: f.by_exchange = 1; break;
		case O_SINCE: case O_UNTIL:
			if (parse_when(optarg, c == O_SINCE ? &f.since : &f.until) < 0) {
				fprintf(stderr, "netlife show: not a time: %s\n", optarg);
				return 2;
			}
			break;
		case 'h': show_usage(stdout); return 0;
		default: show_usage(stderr); return 2;
		}
	}
	if (optind != argc - 1) {
		show_usage(stderr);
		return 2;
	}
	struct show_ctx ctx = { &f, 0, NULL, 0, 0 };
	if (walk(argv[optind], show_one, &ctx) < 0)
		return 1;
	if (f.by_exchange)
		print_by_exchange(&ctx);
	return ctx.printed ? 0 : 1;
}

/* explain: the segment(s) of one client port (or nearest one time), with
 * the lines of the same port: its connection and its exchanges. */
struct explain_ctx {
	unsigned port;
	int64_t when;
	int64_t best_dt;
	unsigned best_port;
	unsigned long long printed;
	int pass;
};

static int explain_find(struct tl_timeline_line *ln, void *arg)
{
	struct explain_ctx *c = arg;
	const char *type = tl_kv_get(&ln->kv, "type"), *port = tl_kv_get(&ln->kv, "port");
	if (!type || strcmp(type, "segment") != 0 || !port)
		return 0;
	int64_t dt = ln->t > c->when ? ln->t - c->when : c->when - ln->t;
	if (c->best_port == 0 || dt < c->best_dt) {
		c->best_dt = dt;
		c->best_port = (unsigned)atoi(port);
	}
	return 0;
}

static int explain_print(struct tl_timeline_line *ln, void *arg)
{
	struct explain_ctx *c = arg;
	const char *port = tl_kv_get(&ln->kv, "port");
	if (!port || (unsigned)atoi(port) != c->port)
		return 0;
	printf("%.*s\n", (int)ln->human_len, ln->text);
	c->printed++;
	return 0;
}

int tl_explain_main(int argc, char **argv)
{
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		puts("usage: netlife explain TIMELINE PORT|TIME\n"
		     "Everything the timeline says about one dropped packet: give the client port\n"
		     "(the firewall log's DPT=) or the time of the log line (epoch seconds or\n"
		     "\"YYYY-MM-DD HH:MM:SS\", local): its connection, its exchange(s), the late\n"
		     "segments and why.\n"
		     "Exit: 0 found, 1 nothing on that port/time, 2 usage.");
		return 0;
	}
	if (argc != 3) {
		fputs("usage: netlife explain TIMELINE PORT|TIME\n", stderr);
		return 2;
	}
	struct explain_ctx c = { 0 };
	char *end;
	unsigned long p = strtoul(argv[2], &end, 10);
	if (*end == '\0' && p > 0 && p <= 65535) {
		c.port = (unsigned)p;
	} else {
		if (parse_when(argv[2], &c.when) < 0) {
			fprintf(stderr, "netlife explain: neither a port nor a time: %s\n", argv[2]);
			return 2;
		}
		if (walk(argv[1], explain_find, &c) < 0)
			return 1;
		if (!c.best_port) {
			fprintf(stderr, "netlife explain: no segment in %s\n", argv[1]);
			return 1;
		}
		c.port = c.best_port;
		printf("# nearest segment to that time: client port %u (%.3f s away)\n", c.port,
		       (double)c.best_dt / 1e6);
	}
	if (walk(argv[1], explain_print, &c) < 0)
		return 1;
	if (!c.printed)
		fprintf(stderr, "netlife explain: nothing on client port %u\n", c.port);
	return c.printed ? 0 : 1;
}

/* stats: counts of late segments by cause, kind, project; unattributed. */
struct stats_ctx {
	struct { char key[80]; unsigned long long n; } row[256];
	unsigned nrow;
	unsigned long long segments, late, unattributed, exchanges;
};

static void bump(struct stats_ctx *s, const char *group, const char *name)
{
	char key[80];
	snprintf(key, sizeof key, "%-8s %s", group, name ? name : "-");
	for (unsigned i = 0; i < s->nrow; i++)
		if (strcmp(s->row[i].key, key) == 0) {
			s->row[i].n++;
			return;
		}
	if (s->nrow < sizeof s->row / sizeof s->row[0]) {
		snprintf(s->row[s->nrow].key, sizeof s->row[0].key, "%s", key);
		s->row[s->nrow++].n = 1;
	}
}

static int stats_one(struct tl_timeline_line *ln, void *arg)
{
	struct stats_ctx *s = arg;
	const char *type = tl_kv_get(&ln->kv, "type");
	if (type && strcmp(type, "exchange") == 0)
		s->exchanges++;
	if (!type || strcmp(type, "segment") != 0)
		return 0;
	s->segments++;
	const char *cause = tl_kv_get(&ln->kv, "cause");
	if (cause && strcmp(cause, "unattributed") == 0) {
		s->unattributed++;
		return 0;
	}
	const char *late = tl_kv_get(&ln->kv, "late");
	if (!late || strcmp(late, "1") != 0)
		return 0;
	s->late++;
	bump(s, "cause", cause);
	bump(s, "kind", tl_kv_get(&ln->kv, "kind"));
	bump(s, "project", tl_kv_get(&ln->kv, "project"));
	return 0;
}

int tl_stats_main(int argc, char **argv)
{
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		puts("usage: netlife stats TIMELINE\n"
		     "Counts of the timeline's late segments by cause, exchange kind and project,\n"
		     "and of the segments that could not be attributed.\n"
		     "Exit: 0 done, 1 unreadable, 2 usage.");
		return 0;
	}
	if (argc != 2) {
		fputs("usage: netlife stats TIMELINE\n", stderr);
		return 2;
	}
	static struct stats_ctx s;
	memset(&s, 0, sizeof s);
	if (walk(argv[1], stats_one, &s) < 0)
		return 1;
	printf("exchanges %llu\nsegments %llu\nlate %llu\nunattributed %llu\n", s.exchanges,
	       s.segments, s.late, s.unattributed);
	for (unsigned i = 0; i < s.nrow; i++)
		printf("%s %llu\n", s.row[i].key, s.row[i].n);
	return 0;
}

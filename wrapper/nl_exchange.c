/*
 * What each exchange was.  The request body's first element says
 * scheduler RPC (<scheduler_request>) or upload (<data_server_request>);
 * a response carrying a scheduler link is a master page; a GET of a file
 * the client just logged "Started download of" is that download; a few
 * well-known paths name the rest.  The project comes from the client's own
 * log line for that exchange, never from timing between unrelated events.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "netlife/trace_format.h"
#include "nl_clock.h"
#include "nl_conn.h"
#include "nl_events.h"
#include "nl_exchange.h"
#include "nl_sched_xml.h"
#include "nl_sniff.h"
#include "nl_trace.h"
#include "nl_url.h"

#define NL_SNIFF_OUT	4096	/* request bytes searched for a kind */
#define NL_SNIFF_IN	65536	/* response bytes searched for a master page */
#define NL_PARSERS	4	/* scheduler bodies parsed at once */

enum { NL_BODY_NONE, NL_BODY_SCHED, NL_BODY_UPLOAD };

static struct nl_xchg		nl_xchgs[NL_XCHG_MAX];
static struct nl_sched_parser	nl_parsers[NL_PARSERS];
static int			nl_parser_used[NL_PARSERS];	/* atomic */
static uint32_t			nl_xchg_next;			/* atomic */
static unsigned			nl_xchg_high;	/* atomic: [0, high) used */

/*
 * The record of an easy handle: found by a scan (a few handles live at
 * once, packed at the start of the table: the scan stops at the highest
 * record ever used), or claimed when create is set.  NULL if full.
 */
struct nl_xchg *
nl_xchg_of(void *easy, int create)
{
	unsigned i, high = __atomic_load_n(&nl_xchg_high, __ATOMIC_ACQUIRE);

	if (easy == NULL)
		return NULL;
	for (i = 0; i < high; i++)
		if (__atomic_load_n(&nl_xchgs[i].easy, __ATOMIC_ACQUIRE) == easy)
			return &nl_xchgs[i];
	if (!create)
		return NULL;
	for (i = 0; i < NL_XCHG_MAX; i++) {
		void *expect = NULL;
		struct nl_xchg *x = &nl_xchgs[i];

		if (__atomic_compare_exchange_n(&x->easy, &expect, easy, 0,
		    __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
			memset((char *)x + sizeof(x->easy), 0,
			    sizeof(*x) - sizeof(x->easy));
			strcpy(x->method, "GET");
			while (high < i + 1 && !__atomic_compare_exchange_n(
			    &nl_xchg_high, &high, i + 1, 0, __ATOMIC_RELEASE,
			    __ATOMIC_RELAXED))
				;
			return x;
		}
	}
	return NULL;
}

/* A parser from the pool, or NULL if all are busy. */
static struct nl_sched_parser *
nl_parser_get(int is_reply)
{
	unsigned i;

	for (i = 0; i < NL_PARSERS; i++) {
		int expect = 0;

		if (__atomic_compare_exchange_n(&nl_parser_used[i], &expect, 1,
		    0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
			nl_sched_begin(&nl_parsers[i], is_reply);
			return &nl_parsers[i];
		}
	}
	return NULL;
}

/*
 * Finish a parser (if any) and return it to the pool; its summary goes to
 * out (zeroed without a parser) unless out is NULL.  The summary is big
 * (1.6 KB): it is only cleared when someone reads it.
 */
static void
nl_parser_put(struct nl_sched_parser **pp, struct nl_sched_summary *out)
{
	struct nl_sched_summary drop;

	if (out == NULL) {
		if (*pp == NULL)
			return;
		out = &drop;
	}
	memset(out, 0, sizeof(*out));
	if (*pp == NULL)
		return;
	nl_sched_end(*pp, out);
	__atomic_store_n(&nl_parser_used[*pp - nl_parsers], 0,
	    __ATOMIC_RELEASE);
	*pp = NULL;
}

/* The handle is going away (curl_easy_cleanup). */
void
nl_xchg_release(struct nl_xchg *x)
{
	nl_parser_put(&x->req_xml, NULL);
	nl_parser_put(&x->reply_xml, NULL);
	__atomic_store_n(&x->easy, NULL, __ATOMIC_RELEASE);
}

/*
 * The transfer has been handed to libcurl: a new exchange.  Nothing is
 * written yet (exchange_conn and exchange_end say all, with t_start):
 * one record fewer per exchange.
 */
void
nl_xchg_start(struct nl_xchg *x)
{
	int64_t now = nl_now_us();

	nl_parser_put(&x->req_xml, NULL);
	nl_parser_put(&x->reply_xml, NULL);
	x->id = __atomic_add_fetch(&nl_xchg_next, 1, __ATOMIC_RELAXED);
	x->done = 0;
	x->t_start = now;
	x->n_conns = x->conns_more = x->reused = x->requests = 0;
	x->untracked_conns = 0;
	x->body = NL_BODY_NONE;
	x->master_page = 0;
	x->upload_name[0] = '\0';
	x->in_sniffed = x->out_sniffed = 0;
	nl_logscan_last_sched(x->sched_project, sizeof(x->sched_project));
	nl_logscan_last_master(x->master_project, sizeof(x->master_project));
}

/*
 * libcurl is about to send a request of this exchange on the connection
 * with these ports (its PREREQ callback): the exact tie of an exchange to
 * a socket, for fresh, reused and multiplexed connections alike.  It is
 * noted here and written with the exchange's end (conns=, reused=).
 */
void
nl_xchg_request(struct nl_xchg *x, int remote_port, int local_port)
{
	struct nl_conn *c;
	int reused;

	if (x->id == 0)
		return;
	c = nl_conn_by_ports((unsigned)local_port, (unsigned)remote_port);
	if (c == NULL) {
		x->untracked_conns++;
		x->requests++;
		return;
	}
	reused = nl_conn_add_exchange(c, x->id);
	if (x->n_conns == 0 || x->conns[x->n_conns - 1] != c->id) {
		if (x->n_conns < NL_XCHG_CONNS)
			x->conns[x->n_conns++] = c->id;
		else
			x->conns_more = 1;
	}
	if (x->requests++ == 0)
		x->reused = (uint8_t)reused;
}

/* Find needle in the n bytes at hay. */
static const char *
nl_find(const char *hay, size_t n, const char *needle)
{
	return memmem(hay, n, needle, strlen(needle));
}

/* An upload names its file in <name>...</name> near the body's start. */
static void
nl_sniff_upload_name(struct nl_xchg *x, const char *buf, size_t n)
{
	const char *open = nl_find(buf, n, "<name>"), *close;
	size_t len;

	if (open == NULL || x->upload_name[0] != '\0')
		return;
	open += 6;
	close = nl_find(open, n - (size_t)(open - buf), "</name>");
	if (close == NULL)
		return;
	len = (size_t)(close - open);
	if (len >= sizeof(x->upload_name))
		len = sizeof(x->upload_name) - 1;
	memcpy(x->upload_name, open, len);
	x->upload_name[len] = '\0';
}

/* Plaintext request body bytes, as libcurl reads them from the client. */
void
nl_xchg_body_out(struct nl_xchg *x, const char *buf, size_t n)
{
	if (x->id == 0)
		return;
	if (x->out_sniffed == 0 && x->body == NL_BODY_NONE) {
		size_t head = n < 256 ? n : 256;

		if (nl_find(buf, head, "<scheduler_request") != NULL) {
			x->body = NL_BODY_SCHED;
			x->req_xml = nl_parser_get(0);
		} else if (nl_find(buf, head, "<data_server_request") != NULL)
			x->body = NL_BODY_UPLOAD;
	}
	if (x->body == NL_BODY_UPLOAD && x->out_sniffed < NL_SNIFF_OUT)
		nl_sniff_upload_name(x, buf, n);
	if (x->req_xml != NULL)
		nl_sched_feed(x->req_xml, buf, n);
	x->out_sniffed += (uint32_t)(n < NL_SNIFF_OUT ? n : NL_SNIFF_OUT);
}

/* Plaintext response body bytes, as libcurl hands them to the client. */
void
nl_xchg_body_in(struct nl_xchg *x, const char *buf, size_t n)
{
	if (x->id == 0)
		return;
	if (x->body == NL_BODY_SCHED) {
		if (x->in_sniffed == 0 && x->reply_xml == NULL)
			x->reply_xml = nl_parser_get(1);
		if (x->reply_xml != NULL)
			nl_sched_feed(x->reply_xml, buf, n);
	} else if (x->in_sniffed < NL_SNIFF_IN && !x->master_page)
		x->master_page = nl_sniff_master_page(buf, n < NL_SNIFF_IN ? n :
		    NL_SNIFF_IN);
	if (x->in_sniffed < NL_SNIFF_IN)
		x->in_sniffed += (uint32_t)(n < NL_SNIFF_IN ? n : NL_SNIFF_IN);
}

/* Is the URL's last path component (base, len bytes) this file name? */
static int
nl_base_is(const char *base, size_t len, const char *name)
{
	return len == strlen(name) && memcmp(base, name, len) == 0;
}

/* Kind and project of a finished exchange. */
static const char *
nl_classify(struct nl_xchg *x, char *project, size_t size)
{
	size_t len;
	const char *base;

	project[0] = '\0';
	if (x->body == NL_BODY_SCHED) {
		strcpy(project, x->sched_project);
		return NL_KIND_SCHED;
	}
	if (x->body == NL_BODY_UPLOAD) {
		nl_logscan_file(x->upload_name, strlen(x->upload_name),
		    project, size);
		return NL_KIND_UPLOAD;
	}
	if (x->master_page) {
		strcpy(project, x->master_project);
		return NL_KIND_MASTER;
	}
	base = nl_url_basename(x->url, &len);
	if (len > 0 && nl_logscan_file(base, len, project, size) ==
	    NL_HINT_DOWNLOAD)
		return NL_KIND_DOWNLOAD;
	if (nl_base_is(base, len, "get_project_list.php"))
		return NL_KIND_PROJECT_LIST;
	if (nl_base_is(base, len, "download.php") && strstr(x->url, "?xml="))
		return NL_KIND_VERSION;
	if (strstr(x->url, "notices") != NULL || strstr(x->url, "rss") != NULL)
		return NL_KIND_NOTICES;
	return NL_KIND_OTHER;
}

/* conns=1,2 and the rest of a list of connection ids. */
static void
nl_put_conns(struct nl_line *l, const uint32_t *ids, unsigned n, int more)
{
	unsigned i;

	nl_put_raw(l, NL_KEY("conns"));
	if (n == 0)
		nl_put_raw(l, "-", 1);
	for (i = 0; i < n; i++) {
		if (i > 0)
			nl_put_raw(l, ",", 1);
		nl_put_u64(l, ids[i]);
	}
	if (more)
		nl_put_raw(l, ",+", 2);
}

/* The scheduler RPC's summary fields, from request and reply. */
static void
nl_put_sched(struct nl_line *l, const struct nl_sched_summary *req,
    const struct nl_sched_summary *rep)
{
	char note[400];

	nl_kv_word(l, "req_secs", req->req_secs[0] ? req->req_secs : "-");
	nl_kv_word(l, "req_instances", req->req_instances[0] ?
	    req->req_instances : "-");
	nl_kv_u64(l, "reported", req->reported);
	nl_kv_u64(l, "received", rep->received);
	if (rep->have_request_delay) {
		nl_put_str(l, " request_delay=");
		nl_put_u64(l, rep->request_delay > 0 ?
		    (uint64_t)(rep->request_delay + 0.5) : 0);
	}
	if (rep->have_scheduler_version)
		nl_kv_u64(l, "scheduler_version", rep->scheduler_version);
	if (rep->messages[0] != '\0')
		nl_kv_str(l, "messages", rep->messages);
	note[0] = '\0';
	if (req->note[0] != '\0') {
		strcat(note, "request: ");
		strcat(note, req->note);
	}
	if (rep->note[0] != '\0') {
		strcat(note, note[0] ? "; reply: " : "reply: ");
		strcat(note, rep->note);
	}
	if (note[0] != '\0')
		nl_kv_str(l, "xml_note", note);
}

/* The fields of exchange_end, in its order. */
static const struct nl_key nl_xchg_text_keys[] = {
	NL_KEYDEF("kind"), NL_KEYDEF("project"), NL_KEYDEF("master_url"),
	NL_KEYDEF("method"), NL_KEYDEF("url"), NL_KEYDEF("http")
};
static const struct nl_key nl_xchg_byte_keys[] = {
	NL_KEYDEF("sent"), NL_KEYDEF("recv")
};
static const struct nl_key nl_xchg_time_keys[] = {
	NL_KEYDEF("t_start"), NL_KEYDEF("t_end")
};

/*
 * An exchange_end must not name a connection the trace has not shown
 * yet: each of its connections that is still open and owes its
 * established record writes it first (one closed already said all in its
 * close record).
 */
static void
nl_xchg_conns_known(const struct nl_xchg *x)
{
	unsigned i;
	struct nl_conn *c;

	for (i = 0; i < x->n_conns; i++)
		if ((c = nl_conn_by_id(x->conns[i])) != NULL)
			nl_ev_established_owed(c);
}

/* The transfer is over: write what it was. */
void
nl_xchg_end(struct nl_xchg *x, const struct nl_xchg_result *r)
{
	static const char *const outcomes[] = {
		NL_OUTCOME_COMPLETED, NL_OUTCOME_FAILED, NL_OUTCOME_ABORTED
	};
	char project[NL_PROJECT_MAX], master[256];
	struct nl_sched_summary req, rep;
	const char *kind, *texts[6];
	struct nl_line l;
	int64_t now = nl_now_us();
	const uint64_t bytes[] = { r->sent, r->recv };
	const int64_t times[] = { x->t_start, now };
	int saved = errno;

	if (x->id == 0 || x->done)
		return;
	x->done = 1;
	kind = nl_classify(x, project, sizeof(project));
	/* A reply names its project's master URL: learn it before use. */
	if (x->body == NL_BODY_SCHED) {
		nl_parser_put(&x->req_xml, &req);
		nl_parser_put(&x->reply_xml, &rep);
		nl_logscan_learn_master(project, rep.master_url);
		nl_logscan_learn_master(rep.project_name, rep.master_url);
	} else {
		nl_parser_put(&x->req_xml, NULL);
		nl_parser_put(&x->reply_xml, NULL);
	}
	if (strncmp(project, "http", 4) == 0)
		strcpy(master, project);
	else
		nl_logscan_master_of(project, master, sizeof(master));
	nl_xchg_conns_known(x);
	nl_ev_begin(&l, now, NL_EV_EXCHANGE_END);
	nl_kv_u64(&l, "exchange", x->id);
	texts[0] = kind;
	texts[1] = project[0] != '\0' ? project : "-";
	texts[2] = master[0] != '\0' ? master : "-";
	texts[3] = r->method != NULL ? r->method : x->method;
	texts[4] = x->url[0] != '\0' ? x->url : "-";
	texts[5] = r->http;
	nl_put_values(&l, nl_xchg_text_keys, texts, 6);
	nl_kv_i64(&l, "status", r->status);
	nl_put_u64s(&l, nl_xchg_byte_keys, bytes, 2);
	nl_put_times(&l, nl_xchg_time_keys, times, 2);
	nl_kv_word(&l, "outcome", outcomes[r->outcome]);
	if (r->outcome == NL_OUT_FAILED) {
		nl_kv_i64(&l, "error", r->code);
		nl_kv_str(&l, "error_text", r->error_text != NULL ?
		    r->error_text : "-");
	}
	nl_put_conns(&l, x->conns, x->n_conns, x->conns_more);
	if (x->untracked_conns != 0)
		nl_kv_u64(&l, "untracked_requests", x->untracked_conns);
	nl_kv_u64(&l, "reused", x->reused);
	if (x->body == NL_BODY_SCHED)
		nl_put_sched(&l, &req, &rep);
	nl_trace_emit(&l);
	errno = saved;
}

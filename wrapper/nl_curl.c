/*
 * libcurl's entry points, as the BOINC client calls them: the exchange
 * layer above the sockets.  The client's options pass through unchanged;
 * at curl_multi_add_handle the shim puts its own read, write and PREREQ
 * callbacks on the handle, each of which first calls the client's own
 * (chained, never replaced) and then looks at what passed.  The client's
 * SOCKOPT and DEBUG callbacks are never touched.  libcurl is never linked:
 * its functions are found at run time, and a libcurl without the PREREQ
 * callback (older than 7.80) leaves the trace with socket facts only.
 */
#include "config.h"

#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nl_config.h"
#include "nl_events.h"
#include "nl_exchange.h"
#include "nl_url.h"

typedef size_t	(*nl_rw_fn)(char *, size_t, size_t, void *);
typedef int	(*nl_prereq_fn)(void *, char *, char *, int, int);

static struct {
	CURLcode	(*setopt)(CURL *, CURLoption, ...);
	CURLcode	(*getinfo)(CURL *, CURLINFO, ...);
	CURLcode	(*perform)(CURL *);
	void		(*cleanup)(CURL *);
	void		(*reset)(CURL *);
	CURL		*(*duphandle)(CURL *);
	CURLMcode	(*add)(CURLM *, CURL *);
	CURLMcode	(*remove)(CURLM *, CURL *);
	CURLMsg		*(*info_read)(CURLM *, int *);
	const char	*(*strerror)(CURLcode);
	int		usable;	/* exchanges can be followed */
} nl_curl;

/*
 * Find libcurl's functions, once, and decide whether exchanges can be
 * followed: PREREQ needs 7.80.0.  Racing threads do the same work.
 */
static void
nl_curl_bind(void)
{
	static int bound;	/* atomic */
	curl_version_info_data *(*version)(CURLversion);
	curl_version_info_data *v;

	if (__atomic_load_n(&bound, __ATOMIC_ACQUIRE))
		return;
	nl_curl.setopt = dlsym(RTLD_NEXT, "curl_easy_setopt");
	nl_curl.getinfo = dlsym(RTLD_NEXT, "curl_easy_getinfo");
	nl_curl.perform = dlsym(RTLD_NEXT, "curl_easy_perform");
	nl_curl.cleanup = dlsym(RTLD_NEXT, "curl_easy_cleanup");
	nl_curl.reset = dlsym(RTLD_NEXT, "curl_easy_reset");
	nl_curl.duphandle = dlsym(RTLD_NEXT, "curl_easy_duphandle");
	nl_curl.add = dlsym(RTLD_NEXT, "curl_multi_add_handle");
	nl_curl.remove = dlsym(RTLD_NEXT, "curl_multi_remove_handle");
	nl_curl.info_read = dlsym(RTLD_NEXT, "curl_multi_info_read");
	nl_curl.strerror = dlsym(RTLD_NEXT, "curl_easy_strerror");
	version = dlsym(RTLD_NEXT, "curl_version_info");
	v = version != NULL ? version(CURLVERSION_NOW) : NULL;
	nl_curl.usable = nl_active && v != NULL &&
	    v->version_num >= 0x075000 && nl_curl.getinfo != NULL &&
	    nl_curl.strerror != NULL;
	if (nl_active && !nl_curl.usable)
		nl_ev_note("libcurl older than 7.80 (no PREREQ callback): "
		    "exchanges are not followed, sockets only");
	__atomic_store_n(&bound, 1, __ATOMIC_RELEASE);
}

/* The client's read callback (or libcurl's default), then a look. */
static size_t
nl_read_cb(char *buf, size_t size, size_t n, void *data)
{
	struct nl_xchg *x = data;
	size_t r = x->app_read != NULL ?
	    ((nl_rw_fn)x->app_read)(buf, size, n, x->app_read_data) :
	    fread(buf, size, n, x->app_read_data != NULL ?
	    (FILE *)x->app_read_data : stdin);

	if (r > 0 && r <= size * n)	/* not CURL_READFUNC_ABORT/PAUSE */
		nl_xchg_body_out(x, buf, r);
	return r;
}

/* The client's write callback, then a look at what it accepted. */
static size_t
nl_write_cb(char *buf, size_t size, size_t n, void *data)
{
	struct nl_xchg *x = data;
	size_t r = x->app_write != NULL ?
	    ((nl_rw_fn)x->app_write)(buf, size, n, x->app_write_data) :
	    fwrite(buf, size, n, x->app_write_data != NULL ?
	    (FILE *)x->app_write_data : stdout);

	if (r == size * n)
		nl_xchg_body_in(x, buf, r);
	return r;
}

/* Which connection carries the request; then the client's own PREREQ. */
static int
nl_prereq_cb(void *data, char *remote_ip, char *local_ip, int remote_port,
    int local_port)
{
	struct nl_xchg *x = data;

	nl_xchg_request(x, remote_port, local_port);
	if (x->app_prereq != NULL)
		return ((nl_prereq_fn)x->app_prereq)(x->app_prereq_data,
		    remote_ip, local_ip, remote_port, local_port);
	return CURL_PREREQFUNC_OK;
}

/* Put our callbacks on the handle, each chaining the client's. */
static void
nl_chain(CURL *h, struct nl_xchg *x)
{
	if (x->chained)
		return;
	x->chained = 1;
	nl_curl.setopt(h, CURLOPT_PREREQFUNCTION, nl_prereq_cb);
	nl_curl.setopt(h, CURLOPT_PREREQDATA, x);
	if (x->app_read != NULL) {
		x->chained_read = 1;
		nl_curl.setopt(h, CURLOPT_READFUNCTION, nl_read_cb);
		nl_curl.setopt(h, CURLOPT_READDATA, x);
	}
	if (x->app_write != NULL) {
		x->chained_write = 1;
		nl_curl.setopt(h, CURLOPT_WRITEFUNCTION, nl_write_cb);
		nl_curl.setopt(h, CURLOPT_WRITEDATA, x);
	}
}

/*
 * An option the client sets.  Returns 1 if it is one of the callbacks
 * we chain and ours are already on the handle: then only the client's
 * value is updated and libcurl keeps ours.  Most of the thirty options
 * the client sets per transfer mean nothing to the shim: those pass
 * without looking up the handle's record.
 */
static int
nl_note_option(CURL *h, CURLoption opt, void *p, long v)
{
	struct nl_xchg *x;

	switch (opt) {
	case CURLOPT_URL: case CURLOPT_POST: case CURLOPT_HTTPGET:
	case CURLOPT_UPLOAD: case CURLOPT_NOBODY: case CURLOPT_POSTFIELDS:
	case CURLOPT_COPYPOSTFIELDS: case CURLOPT_READFUNCTION:
	case CURLOPT_READDATA: case CURLOPT_WRITEFUNCTION:
	case CURLOPT_WRITEDATA: case CURLOPT_PREREQFUNCTION:
	case CURLOPT_PREREQDATA:
		break;
	default:
		return 0;
	}
	if ((x = nl_xchg_of(h, 1)) == NULL)
		return 0;
	switch (opt) {
	case CURLOPT_URL:
		nl_url_redact(p != NULL ? p : "", x->url, sizeof(x->url));
		return 0;
	case CURLOPT_POST:
		strcpy(x->method, v ? "POST" : "GET");
		return 0;
	case CURLOPT_HTTPGET:
		if (v)
			strcpy(x->method, "GET");
		return 0;
	case CURLOPT_UPLOAD:
		strcpy(x->method, v ? "PUT" : "GET");
		return 0;
	case CURLOPT_NOBODY:
		if (v)
			strcpy(x->method, "HEAD");
		return 0;
	case CURLOPT_POSTFIELDS:
	case CURLOPT_COPYPOSTFIELDS:
		if (p != NULL)
			strcpy(x->method, "POST");
		x->postfields = p != NULL;
		return 0;
	case CURLOPT_READFUNCTION:
		x->app_read = p;
		return x->chained_read;
	case CURLOPT_READDATA:
		x->app_read_data = p;
		return x->chained_read;
	case CURLOPT_WRITEFUNCTION:
		x->app_write = p;
		return x->chained_write;
	case CURLOPT_WRITEDATA:
		x->app_write_data = p;
		return x->chained_write;
	case CURLOPT_PREREQFUNCTION:
		x->app_prereq = p;
		return x->chained;
	case CURLOPT_PREREQDATA:
		x->app_prereq_data = p;
		return x->chained;
	default:
		return 0;
	}
}

CURLcode
curl_easy_setopt(CURL *h, CURLoption opt, ...)
{
	va_list ap;
	void *p = NULL;
	long v = 0;
	curl_off_t off = 0;
	int is_long = opt < CURLOPTTYPE_OBJECTPOINT;
	int is_off = opt >= CURLOPTTYPE_OFF_T && opt < CURLOPTTYPE_BLOB;
	int saved;

	va_start(ap, opt);
	if (is_long)
		v = va_arg(ap, long);
	else if (is_off)
		off = va_arg(ap, curl_off_t);
	else
		p = va_arg(ap, void *);
	va_end(ap);
	nl_curl_bind();
	if (nl_curl.usable && !is_off) {
		saved = errno;
		if (nl_note_option(h, opt, p, v)) {
			errno = saved;
			return CURLE_OK;
		}
		errno = saved;
	}
	if (is_long)
		return nl_curl.setopt(h, opt, v);
	if (is_off)
		return nl_curl.setopt(h, opt, off);
	return nl_curl.setopt(h, opt, p);
}

/* A transfer begins on h (multi or easy interface). */
static void
nl_begin_transfer(CURL *h)
{
	struct nl_xchg *x;
	int saved = errno;

	x = nl_xchg_of(h, 1);
	if (x != NULL && (x->id == 0 || x->done)) {
		nl_chain(h, x);
		nl_xchg_start(x);
	}
	errno = saved;
}

/* Gather libcurl's facts about the transfer and write its end. */
static void
nl_end_transfer(CURL *h, int outcome, CURLcode code)
{
	static const char *const versions[] = { "-", "1.0", "1.1", "2" };
	struct nl_xchg *x = nl_xchg_of(h, 0);
	struct nl_xchg_result r;
	long req = 0, hdr = 0, version = 0;
	curl_off_t up = 0, down = 0;
	char *method = NULL;
	int saved = errno;

	if (x == NULL || x->id == 0 || x->done)
		return;
	memset(&r, 0, sizeof(r));
	nl_curl.getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
	nl_curl.getinfo(h, CURLINFO_HTTP_VERSION, &version);
	nl_curl.getinfo(h, CURLINFO_REQUEST_SIZE, &req);
	nl_curl.getinfo(h, CURLINFO_HEADER_SIZE, &hdr);
	nl_curl.getinfo(h, CURLINFO_SIZE_UPLOAD_T, &up);
	nl_curl.getinfo(h, CURLINFO_SIZE_DOWNLOAD_T, &down);
	nl_curl.getinfo(h, CURLINFO_EFFECTIVE_METHOD, &method);
	r.http = version >= 0 && version <= 3 ? versions[version] :
	    version == CURL_HTTP_VERSION_3 ? "3" : "-";
	r.method = method;
	/*
	 * libcurl sends a small in-memory POST body in one buffer with the
	 * headers and then counts it in both REQUEST_SIZE and SIZE_UPLOAD:
	 * count it once.  (A body from a read callback, as BOINC's, is only
	 * in SIZE_UPLOAD.)
	 */
	if (up < 0)
		up = 0;
	r.sent = (uint64_t)req + (x->postfields && req > up ? 0 : (uint64_t)up);
	r.recv = (uint64_t)hdr + (uint64_t)(down > 0 ? down : 0);
	r.outcome = outcome == NL_OUT_COMPLETED && code != CURLE_OK ?
	    NL_OUT_FAILED : outcome;
	r.code = code;
	r.error_text = r.outcome == NL_OUT_FAILED ? nl_curl.strerror(code) :
	    NULL;
	nl_xchg_end(x, &r);
	errno = saved;
}

CURLMcode
curl_multi_add_handle(CURLM *m, CURL *h)
{
	nl_curl_bind();
	if (nl_curl.usable)
		nl_begin_transfer(h);
	return nl_curl.add(m, h);
}

CURLMsg *
curl_multi_info_read(CURLM *m, int *left)
{
	CURLMsg *msg;

	nl_curl_bind();
	msg = nl_curl.info_read(m, left);
	if (nl_curl.usable && msg != NULL && msg->msg == CURLMSG_DONE)
		nl_end_transfer(msg->easy_handle, NL_OUT_COMPLETED,
		    msg->data.result);
	return msg;
}

/* Removed before libcurl said it was done: the client gave up on it. */
CURLMcode
curl_multi_remove_handle(CURLM *m, CURL *h)
{
	nl_curl_bind();
	if (nl_curl.usable)
		nl_end_transfer(h, NL_OUT_ABORTED, CURLE_OK);
	return nl_curl.remove(m, h);
}

CURLcode
curl_easy_perform(CURL *h)
{
	CURLcode r;

	nl_curl_bind();
	if (nl_curl.usable)
		nl_begin_transfer(h);
	r = nl_curl.perform(h);
	if (nl_curl.usable)
		nl_end_transfer(h, NL_OUT_COMPLETED, r);
	return r;
}

void
curl_easy_cleanup(CURL *h)
{
	struct nl_xchg *x;

	nl_curl_bind();
	if (nl_curl.usable && (x = nl_xchg_of(h, 0)) != NULL) {
		nl_end_transfer(h, NL_OUT_ABORTED, CURLE_OK);
		nl_xchg_release(x);
	}
	nl_curl.cleanup(h);
}

/* curl_easy_reset() drops every option, our callbacks included. */
void
curl_easy_reset(CURL *h)
{
	struct nl_xchg *x;

	nl_curl_bind();
	nl_curl.reset(h);
	if (nl_curl.usable && (x = nl_xchg_of(h, 0)) != NULL) {
		x->chained = x->chained_read = x->chained_write = 0;
		x->app_read = x->app_read_data = NULL;
		x->app_write = x->app_write_data = NULL;
		x->app_prereq = x->app_prereq_data = NULL;
		strcpy(x->method, "GET");
		x->url[0] = '\0';
	}
}

/*
 * A copy of a handle would carry our callbacks with the original's
 * record: give it the client's own callbacks back instead.
 */
CURL *
curl_easy_duphandle(CURL *h)
{
	struct nl_xchg *x, *nx;
	CURL *n;

	nl_curl_bind();
	n = nl_curl.duphandle(h);
	if (n == NULL || !nl_curl.usable || (x = nl_xchg_of(h, 0)) == NULL)
		return n;
	nx = nl_xchg_of(n, 1);
	if (nx != NULL) {
		memcpy(nx->url, x->url, sizeof(nx->url));
		memcpy(nx->method, x->method, sizeof(nx->method));
		nx->app_read = x->app_read;
		nx->app_read_data = x->app_read_data;
		nx->app_write = x->app_write;
		nx->app_write_data = x->app_write_data;
		nx->app_prereq = x->app_prereq;
		nx->app_prereq_data = x->app_prereq_data;
	}
	if (x->chained) {
		nl_curl.setopt(n, CURLOPT_PREREQFUNCTION, x->app_prereq);
		nl_curl.setopt(n, CURLOPT_PREREQDATA, x->app_prereq_data);
	}
	if (x->chained_read) {
		nl_curl.setopt(n, CURLOPT_READFUNCTION, x->app_read);
		nl_curl.setopt(n, CURLOPT_READDATA, x->app_read_data);
	}
	if (x->chained_write) {
		nl_curl.setopt(n, CURLOPT_WRITEFUNCTION, x->app_write);
		nl_curl.setopt(n, CURLOPT_WRITEDATA, x->app_write_data);
	}
	return n;
}

/* libFuzzer harness of the timeline tool's own parsers: trace records (as
 * in a trace or a patched client's [conn] lines) into the model, then the
 * join over them; lines of a written timeline as show/explain/stats read
 * them; and every time-stamp reader. The first byte picks which. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "tl_attrib.h"
#include "tl_model.h"
#include "tl_show.h"
#include "tl_time.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Records, one per line, then attribute a segment to every connection. */
static void records(const char *p, size_t n)
{
	static struct tl_model m;
	tl_model_init(&m);
	unsigned host = tl_model_host(&m, "h");
	while (n) {
		const char *nl = memchr(p, '\n', n);
		size_t len = nl ? (size_t)(nl - p) : n;
		const char *err;
		(void)tl_model_record(&m, host, 1, p, len, &err);
		p += len + (nl ? 1 : 0);
		n -= len + (nl ? 1 : 0);
	}
	tl_model_finish(&m);
	for (size_t i = 0; i < m.nconns; i++) {
		struct tl_segment s;
		struct tl_attribution a;
		struct tl_conn_drops d;
		memset(&s, 0, sizeof s);
		memset(&d, 0, sizeof d);
		s.t_us = m.conns[i].t_close + 1000;
		s.t_res_us = 1;
		memcpy(s.src, m.conns[i].remote, sizeof s.src);
		s.sport = m.conns[i].rport;
		s.dport = m.conns[i].lport;
		s.flags = TL_ACK | TL_FIN;
		s.has_flags = 1;
		tl_attribute(&m, &s, 0, &a);
		tl_drops_add(&d, &s, &a);
		if (a.attributed)
			tl_explain(&m, &d, &s, &a);
	}
	tl_model_free(&m);
}

static void stamps(const char *p, size_t n)
{
	static const struct tl_time_opts o;
	struct tl_year_guess y = { 0 };
	int64_t t;
	unsigned res;
	(void)tl_time_syslog(&o, &y, p, n, &t, &res);
	(void)tl_time_iso(&o, p, n, &t, &res);
	(void)tl_time_boinc(&o, p, n, &t, &res);
	(void)tl_time_epoch(p, n, &t, &res);
	(void)tl_time_of_day(p, n, &t, &res);
	(void)tl_month(p, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int zone_set;
	if (!zone_set) {
		tl_time_use_zone("Europe/Berlin");
		zone_set = 1;
	}
	if (size < 1)
		return 0;
	const char *p = (const char *)data + 1;
	size_t n = size - 1;
	switch (data[0] % 3) {
	case 0: records(p, n); break;
	case 1: { static struct tl_timeline_line ln; (void)tl_timeline_line_parse(p, n, &ln); break; }
	case 2: stamps(p, n); break;
	}
	return 0;
}

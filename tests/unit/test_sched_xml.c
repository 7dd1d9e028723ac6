/*
 * Unit tests of the scheduler-XML summary (wrapper/nl_sched_xml.c).  The
 * bodies are built here, modelled on what the 7.20.5 client writes and a
 * BOINC server answers; each expectation is derived from the values put
 * into the body, and the hostile cases check bounds the parser reports.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../wrapper/nl_sched_xml.h"

/* ------------------------------------------------------------ helpers */

struct sbuf {
	char	*p;
	size_t	len, cap;
};

/* Append formatted text to a growing buffer. */
static void __attribute__((format(printf, 2, 3)))
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		size_t room = b->cap - b->len;

		va_start(ap, fmt);
		n = vsnprintf(b->p ? b->p + b->len : NULL, room, fmt, ap);
		va_end(ap);
		assert_true(n >= 0);
		if ((size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		b->cap = (b->cap + (size_t)n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
}

/* Append raw bytes (NULs and all). */
static void
sb_put(struct sbuf *b, const void *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Parse buf in chunks of `chunk` bytes (0: sizes from a seeded generator). */
static void
summarize(struct nl_sched_parser *p, const char *buf, size_t n, int is_reply,
    size_t chunk, struct nl_sched_summary *out)
{
	size_t i = 0;
	unsigned seed = 12345;

	nl_sched_begin(p, is_reply);
	while (i < n) {
		size_t k = chunk;

		if (k == 0) {
			seed = seed * 1103515245u + 12345u;
			k = 1 + (seed >> 16) % 97;
		}
		if (k > n - i)
			k = n - i;
		nl_sched_feed(p, buf + i, k);
		i += k;
	}
	nl_sched_end(p, out);
}

static struct nl_sched_parser parser;	/* as the shim keeps them: static */

/* How many times pat occurs in buf[0..n). */
static unsigned
count_of(const char *buf, size_t n, const char *pat)
{
	size_t m = strlen(pat);
	unsigned c = 0;
	const char *p = buf, *end = buf + n;

	while ((size_t)(end - p) >= m && (p = memmem(p, (size_t)(end - p), pat, m)) != NULL) {
		c++;
		p += m;
	}
	return c;
}

/* How many start tags beginning with pat are complete (their '>' is) in buf[0..n). */
static unsigned
count_tags(const char *buf, size_t n, const char *pat)
{
	size_t m = strlen(pat);
	unsigned c = 0;
	const char *p = buf, *end = buf + n;

	while ((size_t)(end - p) >= m && (p = memmem(p, (size_t)(end - p), pat, m)) != NULL) {
		if (memchr(p, '>', (size_t)(end - p)) == NULL)
			break;
		c++;
		p += m;
	}
	return c;
}

/* Line number (from 1) of byte off. */
static unsigned long
line_at(const char *buf, size_t off)
{
	return 1 + count_of(buf, off, "\n");
}

/* Is s valid UTF-8? */
static int
valid_utf8(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u) {
		size_t n = *u < 0x80 ? 0 : *u < 0xe0 ? 1 : *u < 0xf0 ? 2 : 3;

		if (*u >= 0x80 && *u < 0xc2)
			return 0;
		u++;
		while (n-- > 0)
			if ((*u++ & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

/* Every string field ends inside its array. */
static void
assert_terminated(const struct nl_sched_summary *s)
{
	assert_non_null(memchr(s->root, 0, sizeof(s->root)));
	assert_non_null(memchr(s->note, 0, sizeof(s->note)));
	assert_non_null(memchr(s->req_secs, 0, sizeof(s->req_secs)));
	assert_non_null(memchr(s->req_instances, 0, sizeof(s->req_instances)));
	assert_non_null(memchr(s->project_name, 0, sizeof(s->project_name)));
	assert_non_null(memchr(s->master_url, 0, sizeof(s->master_url)));
	assert_non_null(memchr(s->messages, 0, sizeof(s->messages)));
}

/* ------------------------------------------------------------ samples */

struct req_values {
	double	cpu_secs, cpu_instances, gpu_secs, gpu_instances;
	unsigned reported;
};

/*
 * A scheduler request as 7.20.5 writes it (cs_scheduler.cpp), with a
 * canary in every secret element; a task's stderr holds what apps print
 * (colour escapes, a Latin-1 byte, and for the second task a "]]>" that
 * ends the CDATA early, making the client's "</stderr_txt>" a stray end
 * tag): not XML.
 */
static void
make_request(struct sbuf *b, const struct req_values *v)
{
	unsigned i;

	sb_printf(b,
	    "<scheduler_request>\n"
	    "    <authenticator>CNRYauth0f3c9e2b</authenticator>\n"
	    "    <hostid>73197319</hostid>\n"
	    "    <rpc_seqno>57</rpc_seqno>\n"
	    "    <core_client_major_version>7</core_client_major_version>\n"
	    "    <core_client_minor_version>20</core_client_minor_version>\n"
	    "    <core_client_release>5</core_client_release>\n"
	    "    <resource_share_fraction>1.000000</resource_share_fraction>\n"
	    "    <rrs_fraction>1.000000</rrs_fraction>\n"
	    "    <prrs_fraction>1.000000</prrs_fraction>\n"
	    "    <duration_correction_factor>1.000000</duration_correction_factor>\n"
	    "    <allow_multiple_clients>0</allow_multiple_clients>\n"
	    "    <sandbox>1</sandbox>\n"
	    "    <dont_send_work>0</dont_send_work>\n"
	    "    <work_req_seconds>%f</work_req_seconds>\n"
	    "    <cpu_req_secs>%f</cpu_req_secs>\n"
	    "    <cpu_req_instances>%f</cpu_req_instances>\n"
	    "    <estimated_delay>0.000000</estimated_delay>\n"
	    "    <client_cap_plan_class>1</client_cap_plan_class>\n"
	    "    <platform_name>x86_64-pc-linux-gnu</platform_name>\n"
	    "    <alt_platform>\n        <name>i686-pc-linux-gnu</name>\n    </alt_platform>\n"
	    "<working_global_preferences>\n<global_preferences>\n"
	    "   <source_project>https://CNRYprefsrc.example/</source_project>\n"
	    "   <mod_time>1700000000.000000</mod_time>\n"
	    "   <run_if_user_active>1</run_if_user_active>\n"
	    "   <work_buf_min_days>0.100000</work_buf_min_days>\n"
	    "</global_preferences>\n</working_global_preferences>\n"
	    "<global_prefs_source_email_hash>CNRYprefhash</global_prefs_source_email_hash>\n"
	    "<cross_project_id>CNRYxpid77</cross_project_id>\n"
	    "<time_stats>\n    <on_frac>0.998761</on_frac>\n"
	    "    <connected_frac>-1.000000</connected_frac>\n"
	    "    <client_start_time>1764190000.000000</client_start_time>\n"
	    "</time_stats>\n"
	    "<net_stats>\n    <bwup>1234.000000</bwup>\n    <avg_up>10.000000</avg_up>\n"
	    "    <bwdown>99999.000000</bwdown>\n</net_stats>\n"
	    "<host_info>\n    <timezone>3600</timezone>\n"
	    "    <domain_name>CNRYhostname</domain_name>\n"
	    "    <ip_addr>10.1.2.3</ip_addr>\n"
	    "    <host_cpid>CNRYcpid5d41402abc</host_cpid>\n"
	    "    <p_ncpus>8</p_ncpus>\n    <p_vendor>GenuineIntel</p_vendor>\n"
	    "    <p_model>Intel(R) Core(TM) i7-9700 CPU @ 3.00GHz [Family 6 Model 158 Stepping 13]</p_model>\n"
	    "    <p_features>fpu vme de pse tsc msr pae mce cx8 apic sse sse2 avx2</p_features>\n"
	    "    <p_fpops>4500000000.000000</p_fpops>\n"
	    "    <m_nbytes>16663642112.000000</m_nbytes>\n"
	    "    <os_name>Linux Debian</os_name>\n"
	    "    <os_version>Debian GNU/Linux 12 (bookworm) [6.1.0-18-amd64|libc 2.36]</os_version>\n"
	    "    <n_usable_coprocs>1</n_usable_coprocs>\n"
	    "    <wsl_available>0</wsl_available>\n"
	    "</host_info>\n"
	    "<disk_usage>\n    <d_boinc_used_total>1069817856.000000</d_boinc_used_total>\n"
	    "    <d_boinc_used_project>954728448.000000</d_boinc_used_project>\n"
	    "</disk_usage>\n"
	    "    <coprocs>\n<coproc_cuda>\n   <count>1</count>\n"
	    "   <name>NVIDIA GeForce GTX 1660 SUPER</name>\n"
	    "   <available_ram>6222839808.000000</available_ram>\n"
	    "   <have_cuda>1</have_cuda>\n   <have_opencl>1</have_opencl>\n"
	    "   <req_secs>%f</req_secs>\n   <req_instances>%f</req_instances>\n"
	    "   <estimated_delay>0.000000</estimated_delay>\n"
	    "   <peak_flops>5027840000000.000000</peak_flops>\n"
	    "   <cudaVersion>12020</cudaVersion>\n   <drvVersion>53586</drvVersion>\n"
	    "   <coproc_opencl>\n      <name>NVIDIA GeForce GTX 1660 SUPER</name>\n"
	    "      <vendor>NVIDIA Corporation</vendor>\n   </coproc_opencl>\n"
	    "</coproc_cuda>\n    </coprocs>\n",
	    v->cpu_secs, v->cpu_secs, v->cpu_instances, v->gpu_secs,
	    v->gpu_instances);
	for (i = 0; i < v->reported; i++)
		sb_printf(b,
		    "<result>\n    <name>wu_%u_0</name>\n"
		    "    <final_cpu_time>1234.560000</final_cpu_time>\n"
		    "    <final_elapsed_time>1300.120000</final_elapsed_time>\n"
		    "    <exit_status>0</exit_status>\n    <state>5</state>\n"
		    "    <platform>x86_64-pc-linux-gnu</platform>\n"
		    "    <version_num>100</version_num>\n    <plan_class>cuda</plan_class>\n"
		    "    <wu_name>wu_%u</wu_name>\n"
		    "    <report_deadline>1765000000.000000</report_deadline>\n"
		    "<stderr_out>\n<core_client_version>7.20.5</core_client_version>\n"
		    "<![CDATA[\n<stderr_txt>\n"
		    "CNRYstderr: /home/CNRYuser/boinc/slots/3\n"
		    "\x1b[32mstep %u done\x1b[0m caf\xe9%s\n"
		    "</stderr_txt>\n]]>\n</stderr_out>\n"
		    "<file_info>\n    <name>wu_%u_0_r1_0</name>\n    <nbytes>1024.000000</nbytes>\n"
		    "    <url>https://upload.example.org/cgi-bin/file_upload_handler</url>\n"
		    "</file_info>\n</result>\n", 1000 + i, 1000 + i, i,
		    i == 1 ? " got ]]> & <garbage from the app" : "", 1000 + i);
	sb_printf(b,
	    "<app_versions>\n<app_version>\n    <app_name>app</app_name>\n"
	    "    <version_num>100</version_num>\n    <plan_class>cuda</plan_class>\n"
	    "</app_version>\n</app_versions>\n"
	    "<other_results>\n<other_result>\n    <name>wu_9_0</name>\n"
	    "    <app_version>0</app_version>\n</other_result>\n</other_results>\n"
	    "<in_progress_results>\n<ip_result>\n    <name>wu_9_0</name>\n"
	    "    <time_remaining>3600.000000</time_remaining>\n"
	    "</ip_result>\n</in_progress_results>\n"
	    "<client_opaque>\n<![CDATA[CNRYopaque]]>\n</client_opaque>\n"
	    "</scheduler_request>\n");
}

struct reply_values {
	unsigned version, received;
	double	delay;
	const char *project, *master, *msg1, *msg2;
};

/*
 * A scheduler reply as a BOINC server writes it (sched_types.cpp), with a
 * canary in every secret element and in attribute values.
 */
static void
make_reply(struct sbuf *b, const struct reply_values *v)
{
	unsigned i;

	sb_printf(b,
	    "<scheduler_reply>\n"
	    "<scheduler_version>%u</scheduler_version>\n"
	    "<dont_use_dcf/>\n"
	    "<master_url>%s</master_url>\n"
	    "<request_delay>%f</request_delay>\n"
	    "<message priority=\"CNRYprio\">%s</message>\n"
	    "<message priority=\"notice\">%s</message>\n"
	    "<project_name>%s</project_name>\n"
	    "<user_name>CNRYusername</user_name>\n"
	    "<user_total_credit>12345.670000</user_total_credit>\n"
	    "<team_name>CNRYteam</team_name>\n"
	    "<hostid>73197319</hostid>\n"
	    "<host_venue>CNRYvenue</host_venue>\n"
	    "<email_hash>CNRYemailhash</email_hash>\n"
	    "<cross_project_id>CNRYxpid</cross_project_id>\n"
	    "<external_cpid>CNRYextcpid</external_cpid>\n"
	    "<userid>73197320</userid>\n"
	    "<global_preferences>\n  <source_project>https://CNRYsrc.example/</source_project>\n"
	    "  <message>CNRYnestedmsg</message>\n</global_preferences>\n"
	    "<project_preferences>\n  <project_name>CNRYnestedname</project_name>\n"
	    "  <master_url>https://CNRYnestedurl.example/</master_url>\n"
	    "</project_preferences>\n"
	    "<gui_urls>\n  <gui_url>\n    <name>Your account</name>\n"
	    "    <url>https://project.example.org/home.php?userid=CNRYguiurl</url>\n"
	    "  </gui_url>\n</gui_urls>\n"
	    "<code_sign_key>\n1024\nc0ffee\n.\n</code_sign_key>\n"
	    "<app>\n    <name>app</name>\n    <user_friendly_name>App</user_friendly_name>\n</app>\n"
	    "<file_info>\n    <name>app_1.00_x86_64</name>\n"
	    "    <url>https://project.example.org/download/app_1.00_x86_64</url>\n"
	    "    <executable/>\n    <nbytes>123456.000000</nbytes>\n</file_info>\n"
	    "<app_version>\n    <app_name>app</app_name>\n    <version_num>100</version_num>\n"
	    "    <file_ref>\n        <file_name>app_1.00_x86_64</file_name>\n"
	    "        <main_program/>\n    </file_ref>\n</app_version>\n",
	    v->version, v->master, v->delay, v->msg1, v->msg2, v->project);
	for (i = 0; i < v->received; i++)
		sb_printf(b,
		    "<workunit>\n    <name>wu_%u</name>\n    <app_name>app</app_name>\n</workunit>\n"
		    "<result secret=\"CNRYattr%u\">\n    <name>wu_%u_0</name>\n"
		    "    <wu_name>wu_%u</wu_name>\n"
		    "    <report_deadline>1765000000</report_deadline>\n</result>\n",
		    i, i, i, i);
	sb_printf(b,
	    "<result_ack>\n    <name>wu_1000_0</name>\n</result_ack>\n"
	    "</scheduler_reply>\n");
}

static const struct req_values req_v = { 8640, 0, 4320.5, 1, 3 };
static const struct reply_values rep_v = {
	719, 2, 61, "Test Project", "https://project.example.org/proj/",
	"  No tasks sent\n   (there was work but it was committed to other platforms)  ",
	"Project has\tno tasks available"
};

/* ------------------------------------------------------------- tests */

/* A request with CPU and NVIDIA work asked and 3 tasks reported. */
static void
test_request(void **state)
{
	struct sbuf b = { 0 };
	struct nl_sched_summary one, bytes, mixed;

	(void)state;
	make_request(&b, &req_v);
	summarize(&parser, b.p, b.len, 0, b.len, &one);
	assert_string_equal(one.root, "scheduler_request");
	assert_int_equal(one.complete, 1);
	assert_string_equal(one.note, "");
	assert_string_equal(one.req_secs, "CPU:8640,NVIDIA:4320.5");
	assert_string_equal(one.req_instances, "CPU:0,NVIDIA:1");
	assert_int_equal(one.reported, req_v.reported);
	assert_int_equal(one.received, 0);
	assert_int_equal(one.body_bytes, b.len);
	assert_int_equal(one.ignored_bytes, 0);
	/* stderr_out is dropped before expat: its oddities cost nothing */
	assert_int_equal(one.repairs, 0);
	assert_terminated(&one);

	summarize(&parser, b.p, b.len, 0, 1, &bytes);
	summarize(&parser, b.p, b.len, 0, 0, &mixed);
	assert_memory_equal(&one, &bytes, sizeof(one));
	assert_memory_equal(&one, &mixed, sizeof(one));
	free(b.p);
}

/* A reply with 2 tasks, a delay, a version, a name, a URL and 2 messages. */
static void
test_reply(void **state)
{
	struct sbuf b = { 0 };
	struct nl_sched_summary s, bytes;

	(void)state;
	make_reply(&b, &rep_v);
	summarize(&parser, b.p, b.len, 1, b.len, &s);
	assert_string_equal(s.root, "scheduler_reply");
	assert_int_equal(s.complete, 1);
	assert_string_equal(s.note, "");
	assert_int_equal(s.received, rep_v.received);
	assert_int_equal(s.reported, 0);
	assert_true(s.have_request_delay);
	assert_true(s.request_delay == rep_v.delay);
	assert_true(s.have_scheduler_version);
	assert_int_equal(s.scheduler_version, rep_v.version);
	assert_string_equal(s.project_name, rep_v.project);
	assert_string_equal(s.master_url, rep_v.master);
	assert_string_equal(s.messages,
	    "No tasks sent (there was work but it was committed to other "
	    "platforms) | Project has no tasks available");
	assert_string_equal(s.req_secs, "");
	assert_int_equal(s.repairs, 0);
	assert_terminated(&s);
	summarize(&parser, b.p, b.len, 1, 1, &bytes);
	assert_memory_equal(&s, &bytes, sizeof(s));
	free(b.p);
}

/* No byte of a secret, anywhere in the summary or in the parser left behind. */
static void
test_secrets_never_copied(void **state)
{
	static const char *const canaries[] = { "CNRY", "73197319", "73197320" };
	struct reply_values v = rep_v;
	struct sbuf req = { 0 }, rep = { 0 };
	struct nl_sched_summary s;
	unsigned i, k;

	(void)state;
	v.master = "https://CNRYuser:CNRYpw@project.example.org/proj/"
	    "?auth=CNRYq1&amp;token=CNRYq2#CNRYfrag";
	make_reply(&rep, &v);
	make_request(&req, &req_v);
	for (k = 0; k < 2; k++) {
		struct sbuf *b = k ? &rep : &req;

		summarize(&parser, b->p, b->len, (int)k, 7, &s);
		assert_string_equal(s.note, "");
		for (i = 0; i < sizeof(canaries) / sizeof(canaries[0]); i++) {
			assert_null(memmem(&s, sizeof(s), canaries[i],
			    strlen(canaries[i])));
			assert_null(memmem(&parser, sizeof(parser), canaries[i],
			    strlen(canaries[i])));
		}
	}
	/* what was kept of the URL: scheme, host, path, parameter names */
	assert_string_equal(s.master_url,
	    "https://project.example.org/proj/?auth=&token=");
	/* and nothing of what is not shaped like a URL */
	v.master = "token=CNRYq3 https://project.example.org/";
	rep.len = 0;
	make_reply(&rep, &v);
	summarize(&parser, rep.p, rep.len, 1, 0, &s);
	assert_string_equal(s.master_url, "");
	assert_null(memmem(&s, sizeof(s), "CNRY", 4));
	assert_string_equal(s.project_name, v.project);	/* not the nested one */
	free(req.p);
	free(rep.p);
}

/*
 * Every prefix of a body: never a crash, always a note saying it was cut,
 * and what lay before the cut is summarised.
 */
static void
check_prefixes(const char *body, size_t len, int is_reply, const char *root)
{
	char open[64], close[64], want[80];
	struct nl_sched_summary s;
	size_t n, close_end;
	const char *c;

	snprintf(open, sizeof(open), "<%s>", root);
	snprintf(close, sizeof(close), "</%s>", root);
	c = memmem(body, len, close, strlen(close));
	assert_non_null(c);
	close_end = (size_t)(c - body) + strlen(close);
	for (n = 0; n <= len; n++) {
		summarize(&parser, body, n, is_reply, 0, &s);
		assert_terminated(&s);
		if (n >= close_end) {
			assert_string_equal(s.note, "");
			assert_int_equal(s.complete, 1);
		} else if (n == 0)
			assert_string_equal(s.note, "empty body");
		else {
			if (memmem(body, n, open, strlen(open)) != NULL)
				snprintf(want, sizeof(want), "truncated: no %s", close);
			else
				snprintf(want, sizeof(want), "truncated: no %s", open);
			assert_string_equal(s.note, want);
			assert_int_equal(s.complete, 0);
		}
		if (is_reply) {
			assert_int_equal(s.received, count_tags(body, n, "<result "));
			assert_int_equal(s.have_request_delay,
			    memmem(body, n, "</request_delay>", 16) != NULL);
		} else
			assert_int_equal(s.reported, count_tags(body, n, "<result>"));
	}
}

static void
test_truncated(void **state)
{
	struct sbuf req = { 0 }, rep = { 0 };

	(void)state;
	make_reply(&rep, &rep_v);
	check_prefixes(rep.p, rep.len, 1, "scheduler_reply");
	make_request(&req, &req_v);
	check_prefixes(req.p, req.len, 0, "scheduler_request");
	free(req.p);
	free(rep.p);
}

/*
 * A mismatched tag: its line in the note, what came before kept.  expat
 * runs when a stage is full (or at the end), so an error is found there:
 * the first feed fills a stage exactly, and the second is ignored.
 */
static void
test_malformed(void **state)
{
	struct sbuf b = { 0 };
	struct nl_sched_summary s;
	const char *after = "<result></result>\n<result></result>\n";
	char want[160];
	size_t off;

	(void)state;
	sb_printf(&b, "<scheduler_reply>\n<request_delay>7</request_delay>\n"
	    "<result>\n</result>\n<result>\n");
	off = b.len;
	sb_printf(&b, "</workunit>\n");
	while (b.len < NL_SCHED_STAGE)
		sb_put(&b, " ", 1);
	nl_sched_begin(&parser, 1);
	nl_sched_feed(&parser, b.p, b.len);
	nl_sched_feed(&parser, after, strlen(after));
	nl_sched_end(&parser, &s);
	snprintf(want, sizeof(want), "malformed XML at line %lu: mismatched tag",
	    line_at(b.p, off));
	assert_string_equal(s.note, want);
	assert_int_equal(s.complete, 0);
	assert_true(s.have_request_delay);
	assert_true(s.request_delay == 7);
	assert_int_equal(s.received, 2);
	assert_int_equal(s.ignored_bytes, strlen(after));
	assert_int_equal(s.body_bytes, b.len + strlen(after));
	free(b.p);

	/* lines stay right after a dropped, multi-line stderr_out */
	memset(&b, 0, sizeof(b));
	sb_printf(&b, "<scheduler_request>\n<result>\n<stderr_out>\n<![CDATA[\n"
	    "line\n]]> </stderr_txt>\nline\n]]>\n</stderr_out>\n</result>\n");
	off = b.len;
	sb_printf(&b, "</results>\n</scheduler_request>\n");
	summarize(&parser, b.p, b.len, 0, 0, &s);
	snprintf(want, sizeof(want), "malformed XML at line %lu: mismatched tag",
	    line_at(b.p, off));
	assert_string_equal(s.note, want);
	assert_int_equal(s.reported, 1);
	free(b.p);
}

/* Random bytes, and random bytes inside a root: a note, never a crash. */
static void
test_garbage(void **state)
{
	static char buf[65536 + 32];
	struct nl_sched_summary s;
	unsigned seed = 777, round;
	size_t n, i;

	(void)state;
	for (round = 0; round < 200; round++) {
		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 8) % 65536;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)(seed >> 16);
		}
		if (round % 2) {
			memcpy(buf, "<scheduler_reply>", 17);
			n = n < 17 ? 17 : n;
		}
		summarize(&parser, buf, n, 1, round % 3 ? 0 : n, &s);
		assert_terminated(&s);
		assert_true(s.note[0] != '\0');
		assert_int_equal(s.complete, 0);
		assert_true(parser.mem_peak <= NL_SCHED_MAX_MEM);
	}
}

/* Entity expansion: refused at the DOCTYPE, and no external entity either. */
static void
test_billion_laughs(void **state)
{
	struct sbuf b = { 0 };
	struct nl_sched_summary s;
	int i, j;

	(void)state;
	sb_printf(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
	    " <!ENTITY lol \"lol\">\n");
	for (i = 1; i <= 9; i++) {
		sb_printf(&b, " <!ENTITY lol%d \"", i);
		for (j = 0; j < 10; j++)
			sb_printf(&b, i == 1 ? "&lol;" : "&lol%d;", i - 1);
		sb_printf(&b, "\">\n");
	}
	sb_printf(&b, " <!ENTITY ext SYSTEM \"file:///etc/passwd\">\n]>\n"
	    "<scheduler_reply><message>&lol9;&ext;</message></scheduler_reply>\n");
	summarize(&parser, b.p, b.len, 1, 0, &s);
	assert_string_equal(s.note, "DOCTYPE at line 2: not expected in a BOINC body");
	assert_string_equal(s.messages, "");
	assert_true(parser.mem_peak < 64 * 1024);
	free(b.p);

	/* without a DTD the references are text, not expansions */
	memset(&b, 0, sizeof(b));
	sb_printf(&b, "<scheduler_reply><message>&lol9; &ext;</message></scheduler_reply>");
	summarize(&parser, b.p, b.len, 1, 0, &s);
	assert_string_equal(s.note, "");
	assert_string_equal(s.messages, "&lol9; &ext;");
	free(b.p);
}

/* 100000 nested elements: stopped at the depth limit, memory stays small. */
static void
test_deep_nesting(void **state)
{
	struct sbuf b = { 0 };
	struct nl_sched_summary s;
	char want[80];
	int i;

	(void)state;
	sb_printf(&b, "<scheduler_reply>\n<result/>\n");
	for (i = 0; i < 100000; i++)
		sb_put(&b, "<a>", 3);
	for (i = 0; i < 100000; i++)
		sb_put(&b, "</a>", 4);
	sb_printf(&b, "</scheduler_reply>\n");
	summarize(&parser, b.p, b.len, 1, 4096, &s);
	snprintf(want, sizeof(want), "nesting deeper than %u at line 3",
	    NL_SCHED_MAX_DEPTH);
	assert_string_equal(s.note, want);
	assert_int_equal(s.received, 1);
	assert_true(parser.mem_peak < 256 * 1024);
	free(b.p);
}

/* 20 MiB: the first 8 MiB are summarised, fast, in bounded memory. */
static void
test_huge_body(void **state)
{
	struct sbuf b = { 0 };
	struct nl_sched_summary s;
	struct timespec t0, t1;
	double secs;
	unsigned i;

	(void)state;
	sb_printf(&b, "<scheduler_reply>\n<message>big</message>\n");
	for (i = 0; b.len < (20u << 20); i++)
		sb_printf(&b, "<result>\n    <name>wu_%08u_0</name>\n"
		    "    <report_deadline>1765000000</report_deadline>\n</result>\n", i);
	sb_printf(&b, "</scheduler_reply>\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	summarize(&parser, b.p, b.len, 1, 16384, &s);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("20 MiB body: %.3f s, expat peak %zu bytes\n", secs,
	    parser.mem_peak);
	assert_string_equal(s.note, "body over 8 MiB: summary of the first 8 MiB");
	assert_int_equal(s.received, count_of(b.p, NL_SCHED_MAX_BYTES, "<result>"));
	assert_string_equal(s.messages, "big");
	assert_int_equal(s.body_bytes, b.len);
	assert_int_equal(s.ignored_bytes, b.len - NL_SCHED_MAX_BYTES);
	assert_true(parser.mem_peak <= 256 * 1024);
	assert_true(secs < 10.0);
	free(b.p);
}

/* A token too big for the memory cap, and big text that is not a token. */
static void
test_memory_cap(void **state)
{
	struct sbuf b = { 0 };
	struct nl_sched_summary s;
	char *big = malloc(4u << 20);

	(void)state;
	assert_non_null(big);
	memset(big, 'x', 4u << 20);
	sb_printf(&b, "<scheduler_reply>\n<request_delay>5</request_delay>\n<result a='");
	sb_put(&b, big, 4u << 20);
	sb_printf(&b, "'/>\n</scheduler_reply>\n");
	summarize(&parser, b.p, b.len, 1, 16384, &s);
	assert_string_equal(s.note, "parser memory over 2 MiB at line 3: "
	    "summary of what came before");
	assert_true(s.have_request_delay);
	assert_true(parser.mem_peak <= NL_SCHED_MAX_MEM);
	free(b.p);

	/* text is streamed: 4 MiB of message costs no memory, and is cut */
	memset(&b, 0, sizeof(b));
	memset(big, 'y', 4u << 20);
	sb_printf(&b, "<scheduler_reply>\n<message>");
	sb_put(&b, big, 4u << 20);
	sb_printf(&b, "</message>\n</scheduler_reply>\n");
	summarize(&parser, b.p, b.len, 1, 16384, &s);
	assert_string_equal(s.note, "");
	assert_int_equal(strlen(s.messages), sizeof(s.messages) - 1);
	assert_string_equal(s.messages + sizeof(s.messages) - 4, "...");
	assert_true(parser.mem_peak <= 128 * 1024);
	free(b.p);
	free(big);
}

/*
 * What the client and servers really write: stderr that breaks CDATA,
 * control bytes, bytes that are not UTF-8, bare '&' and '<' in a server's
 * unescaped project name and messages.  All summarised, no note.
 */
static void
test_not_quite_xml(void **state)
{
	struct sbuf b = { 0 };
	struct nl_sched_summary s;

	(void)state;
	sb_printf(&b, "<scheduler_request>\n<cpu_req_secs>100</cpu_req_secs>\n"
	    "<host_info><domain_name>caf\xe9\x01 & co</domain_name>\n"
	    "<p_model>x < y ]]> \xc3\xa9</p_model></host_info>\n"
	    "<result><stderr_out><![CDATA[\n"
	    "x]]>y < z && w\x01\x02\x7f \xff\xfe\xc3( \xed\xa0\x80 \xef\xbf\xbe\n"
	    "]]></stderr_out></result>\n"
	    "<result><stderr_out>a & b < c ]]> d</stderr_out></result>\n"
	    "</scheduler_request>\n");
	summarize(&parser, b.p, b.len, 0, 1, &s);
	assert_string_equal(s.note, "");
	assert_int_equal(s.complete, 1);
	assert_int_equal(s.reported, 2);
	assert_string_equal(s.req_secs, "CPU:100");
	assert_int_equal(s.repairs, 5);	/* \xe9 \x01 & < > outside stderr_out */
	free(b.p);

	memset(&b, 0, sizeof(b));
	sb_printf(&b, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n"
	    "<scheduler_reply>\n<project_name>R&D Grid: 3 < 4 &amp; caf\xc3\xa9</project_name>\n"
	    "<message priority=\"low\">see <a href=\"https://x.example/?id=CNRY\">"
	    "this page</a> & retry; &#233;t&#xE9; &bogus; &#1;</message>\n"
	    "<message>Latin-1 caf\xe9</message>\n"
	    "</scheduler_reply>\n");
	summarize(&parser, b.p, b.len, 1, 3, &s);
	assert_string_equal(s.note, "");
	assert_string_equal(s.project_name, "R&D Grid: 3 < 4 & caf\xc3\xa9");
	assert_string_equal(s.messages, "see this page & retry; \xc3\xa9t\xc3\xa9 "
	    "&bogus; &#1; | Latin-1 caf?");
	assert_null(memmem(&s, sizeof(s), "CNRY", 4));
	free(b.p);
}

/* Resource names and number formatting, and the fallback to work_req_seconds. */
static void
test_resources(void **state)
{
	struct nl_sched_summary s;
	const char *body =
	    "<scheduler_request>\n"
	    "<work_req_seconds>-5.000000</work_req_seconds>\n"
	    "<cpu_req_instances>0.004000</cpu_req_instances>\n"
	    "<coprocs>\n"
	    "<coproc_ati><req_secs>0.333333</req_secs><req_instances>2</req_instances></coproc_ati>\n"
	    "<coproc_intel_gpu><req_secs>1234567.125</req_secs></coproc_intel_gpu>\n"
	    "<coproc_apple_gpu><req_instances>1e2</req_instances></coproc_apple_gpu>\n"
	    "<coproc><type>miner asic!</type><req_secs>100000000000000000000.000000</req_secs></coproc>\n"
	    "<coproc><req_secs>1</req_secs></coproc>\n"
	    "<coproc_cuda><count>1</count></coproc_cuda>\n"
	    "<coproc_cuda><req_secs>nan</req_secs><req_instances><b>1</b></req_instances></coproc_cuda>\n"
	    "</coprocs>\n"
	    "<host_info><coprocs><coproc_cuda><req_secs>99</req_secs></coproc_cuda></coprocs></host_info>\n"
	    "</scheduler_request>\n";

	(void)state;
	summarize(&parser, body, strlen(body), 0, 0, &s);
	assert_string_equal(s.note, "");
	assert_string_equal(s.req_secs,
	    "CPU:-5,ATI:0.33,intel_gpu:1234567.13,minerasic:1e+20,coproc:1");
	assert_string_equal(s.req_instances, "CPU:0,ATI:2,apple_gpu:100");
}

/* Long lists and long text are cut with "...", never inside a character. */
static void
test_cuts(void **state)
{
	struct sbuf b = { 0 };
	struct nl_sched_summary s;
	size_t len;
	int i;

	(void)state;
	sb_printf(&b, "<scheduler_request><coprocs>\n");
	for (i = 0; i < 12; i++)
		sb_printf(&b, "<coproc><type>type_with_a_long_name_%02d</type>"
		    "<req_secs>123456789012.25</req_secs></coproc>\n", i);
	sb_printf(&b, "</coprocs></scheduler_request>\n");
	summarize(&parser, b.p, b.len, 0, 0, &s);
	len = strlen(s.req_secs);
	assert_true(len <= sizeof(s.req_secs) - 1);
	assert_string_equal(s.req_secs + len - 3, "...");
	assert_int_equal(count_of(s.req_secs, len, "123456789012.25"),
	    count_of(s.req_secs, len, ":"));	/* no entry cut */
	free(b.p);

	memset(&b, 0, sizeof(b));
	sb_printf(&b, "<scheduler_reply>\n");
	for (i = 0; i < 40; i++)
		sb_printf(&b, "<message>%d caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80</message>\n", i);
	sb_printf(&b, "</scheduler_reply>\n");
	summarize(&parser, b.p, b.len, 1, 0, &s);
	len = strlen(s.messages);
	assert_true(len <= sizeof(s.messages) - 1);
	assert_string_equal(s.messages + len - 3, "...");
	assert_true(valid_utf8(s.messages));
	assert_non_null(strstr(s.messages, "0 caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 | 1 "));
	free(b.p);
}

/* Empty bodies, roots that are not BOINC's, and misuse of the calls. */
static void
test_edges(void **state)
{
	struct nl_sched_parser fresh;
	struct nl_sched_summary s;

	(void)state;
	summarize(&parser, "", 0, 1, 1, &s);
	assert_string_equal(s.note, "empty body");
	summarize(&parser, " \n", 2, 1, 1, &s);
	assert_string_equal(s.note, "truncated: no <scheduler_reply>");
	summarize(&parser, "<html><body>502</body></html>", 29, 1, 4, &s);
	assert_string_equal(s.root, "html");
	assert_string_equal(s.note, "unexpected root <html>");
	summarize(&parser, "\xef\xbb\xbf<scheduler_reply><result/></scheduler_reply>",
	    47, 1, 1, &s);
	assert_string_equal(s.note, "");
	assert_int_equal(s.received, 1);
	summarize(&parser, "<scheduler_reply/><junk/>", 25, 1, 1, &s);
	assert_int_equal(s.complete, 1);
	assert_string_equal(s.note,
	    "malformed XML at line 1: junk after document element");

	/* a parser never begun, fed and ended */
	memset(&fresh, 0, sizeof(fresh));
	nl_sched_feed(&fresh, "<a>", 3);
	nl_sched_end(&fresh, &s);
	assert_string_equal(s.note, "parser not started");
	/* begun twice: the first body is dropped (LeakSanitizer checks its memory) */
	nl_sched_begin(&fresh, 0);
	nl_sched_feed(&fresh, "<scheduler_request><result/>", 28);
	nl_sched_begin(&fresh, 0);
	nl_sched_feed(&fresh, "<scheduler_request></scheduler_request>", 39);
	nl_sched_end(&fresh, &s);
	assert_int_equal(s.reported, 0);
	assert_string_equal(s.note, "");
	/* fed after the end: ignored */
	nl_sched_feed(&fresh, "<a>", 3);
	nl_sched_end(&fresh, &s);
	assert_string_equal(s.note, "parser not started");
}

/* Two parsers fed in turns give what each gives alone. */
static void
test_interleaved(void **state)
{
	static struct nl_sched_parser a, b;
	struct sbuf req = { 0 }, rep = { 0 };
	struct nl_sched_summary sa, sb, ra, rb;
	size_t i = 0, j = 0;

	(void)state;
	make_request(&req, &req_v);
	make_reply(&rep, &rep_v);
	summarize(&a, req.p, req.len, 0, 0, &ra);
	summarize(&b, rep.p, rep.len, 1, 0, &rb);
	nl_sched_begin(&a, 0);
	nl_sched_begin(&b, 1);
	while (i < req.len || j < rep.len) {
		size_t k = req.len - i < 13 ? req.len - i : 13;

		nl_sched_feed(&a, req.p + i, k);
		i += k;
		k = rep.len - j < 5 ? rep.len - j : 5;
		nl_sched_feed(&b, rep.p + j, k);
		j += k;
	}
	nl_sched_end(&a, &sa);
	nl_sched_end(&b, &sb);
	assert_memory_equal(&sa, &ra, sizeof(sa));
	assert_memory_equal(&sb, &rb, sizeof(sb));
	free(req.p);
	free(rep.p);
}

struct thread_job {
	const struct sbuf	*body;
	const struct nl_sched_summary *want;
	int			failures;
};

/* One thread parsing the same reply again and again. */
static void *
thread_main(void *arg)
{
	struct thread_job *job = arg;
	struct nl_sched_parser *p = calloc(1, sizeof(*p));
	struct nl_sched_summary s;
	int i;

	if (p == NULL) {
		job->failures++;
		return NULL;
	}
	for (i = 0; i < 40; i++) {
		summarize(p, job->body->p, job->body->len, 1, (size_t)(i % 7) + 1, &s);
		if (memcmp(&s, job->want, sizeof(s)) != 0 ||
		    p->mem_peak > NL_SCHED_MAX_MEM)
			job->failures++;
	}
	free(p);
	return NULL;
}

/* Parsers in separate threads do not disturb each other (the memory owner is per thread). */
static void
test_threads(void **state)
{
	struct sbuf rep = { 0 };
	struct nl_sched_summary want;
	struct thread_job jobs[4];
	pthread_t t[4];
	int i;

	(void)state;
	make_reply(&rep, &rep_v);
	summarize(&parser, rep.p, rep.len, 1, 0, &want);
	for (i = 0; i < 4; i++) {
		jobs[i].body = &rep;
		jobs[i].want = &want;
		jobs[i].failures = 0;
		assert_int_equal(pthread_create(&t[i], NULL, thread_main, &jobs[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		assert_int_equal(jobs[i].failures, 0);
	}
	free(rep.p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request),
		cmocka_unit_test(test_reply),
		cmocka_unit_test(test_secrets_never_copied),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_huge_body),
		cmocka_unit_test(test_memory_cap),
		cmocka_unit_test(test_not_quite_xml),
		cmocka_unit_test(test_resources),
		cmocka_unit_test(test_cuts),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_interleaved),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

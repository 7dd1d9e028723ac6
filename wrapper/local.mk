# The shim (libnetlife.so) and the launcher.

# Record building, history and the connection table: no libc wrappers,
# so the unit tests can link them directly.
noinst_LTLIBRARIES += wrapper/libnlrecord.la
wrapper_libnlrecord_la_SOURCES = \
	wrapper/nl_text.c wrapper/nl_text.h \
	wrapper/nl_errno_names.c \
	wrapper/nl_history.c wrapper/nl_history.h \
	wrapper/nl_conn_table.c wrapper/nl_conn.h \
	wrapper/nl_url.c wrapper/nl_url.h \
	wrapper/nl_sniff.c wrapper/nl_sniff.h \
	wrapper/nl_logscan.c wrapper/nl_logscan.h \
	wrapper/nl_redact.c wrapper/nl_redact.h
wrapper_libnlrecord_la_CFLAGS = $(AM_CFLAGS) -fPIC

pkglib_LTLIBRARIES += wrapper/libnetlife.la
wrapper_libnetlife_la_SOURCES = \
	wrapper/nl_init.c \
	wrapper/nl_real.c wrapper/nl_real.h \
	wrapper/nl_clock.c wrapper/nl_clock.h \
	wrapper/nl_config.c wrapper/nl_config.h \
	wrapper/nl_trace.c wrapper/nl_trace.h \
	wrapper/nl_kernel.c wrapper/nl_kernel.h \
	wrapper/nl_events.c wrapper/nl_events.h \
	wrapper/nl_lifecycle.c wrapper/nl_lifecycle.h \
	wrapper/nl_io.h \
	wrapper/nl_wrap_io.c wrapper/nl_wrap_fd.c wrapper/nl_wrap_stdio.c \
	wrapper/nl_curl.c \
	wrapper/nl_exchange.c wrapper/nl_exchange.h \
	wrapper/nl_sched_xml.c wrapper/nl_sched_xml.h
# libcurl's headers only: the shim finds libcurl at run time, if the
# process has it, and never links it.
wrapper_libnetlife_la_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS) $(EXPAT_CFLAGS)
wrapper_libnetlife_la_LIBADD = wrapper/libnlrecord.la $(EXPAT_LIBS)
# Export only the interposed functions: nothing of ours can clash with a
# symbol of the client's.
wrapper_libnetlife_la_LDFLAGS = -module -avoid-version -shared \
	-export-symbols-regex '^(socket|connect|accept|accept4|getsockopt|setsockopt|shutdown|close|close_range|dup|dup2|dup3|fcntl|fcntl64|send|sendto|sendmsg|recv|recvfrom|recvmsg|read|readv|write|writev|printf|__printf_chk|vprintf|__vprintf_chk|fprintf|__fprintf_chk|vfprintf|__vfprintf_chk|puts|fputs|fwrite|curl_easy_setopt|curl_easy_perform|curl_easy_cleanup|curl_easy_reset|curl_easy_duphandle|curl_multi_add_handle|curl_multi_remove_handle|curl_multi_info_read)$$'

include $(srcdir)/wrapper/launcher.mk

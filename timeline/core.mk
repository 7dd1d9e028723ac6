# The join and the program.
timeline_libtimeline_la_SOURCES += \
	timeline/tl_kv.h timeline/tl_kv.c \
	timeline/tl_model.h timeline/tl_model.c \
	timeline/tl_inputs.h timeline/tl_inputs.c \
	timeline/tl_spool.h timeline/tl_spool.c \
	timeline/tl_attrib.h timeline/tl_attrib.c timeline/tl_explain.c \
	timeline/tl_clock.h timeline/tl_clock.c \
	timeline/tl_emit.h timeline/tl_emit.c \
	timeline/tl_summary.h timeline/tl_summary.c \
	timeline/tl_merge.h timeline/tl_merge.c \
	timeline/tl_show.h timeline/tl_show.c

bin_PROGRAMS += netlife
netlife_SOURCES = timeline/netlife.c
netlife_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/timeline
netlife_LDADD = timeline/libtimeline.la

# The client's event log in its many forms.
timeline_libtimeline_la_SOURCES += \
	timeline/tl_evlog_client.h timeline/tl_evlog_client.c \
	timeline/tl_evlog_stdoutdae.c timeline/tl_evlog_journal.c \
	timeline/tl_evlog_journal_json.c timeline/tl_evlog_boinccmd.c \
	timeline/tl_evlog_manager.c

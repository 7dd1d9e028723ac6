/* tl_fw.c -- the list of firewall-log formats, in the order detection tries
 * them (most specific first: a tcpdump line inside a pf log is pf's). */
#include "config.h"
#include <string.h>
#include "tl_fw.h"

const struct tl_fw_format *const tl_fw_formats[] = {
	&tl_fw_filterlog, &tl_fw_pflog, &tl_fw_klog, &tl_fw_pfirewall,
	&tl_fw_conntrack, &tl_fw_tshark_fields, &tl_fw_tshark, &tl_fw_tcpdump, &tl_fw_table, NULL
};

/* Found by its short name, for --fw-format. */
const struct tl_fw_format *tl_fw_format_by_name(const char *name)
{
	for (unsigned i = 0; tl_fw_formats[i]; i++)
		if (strcmp(tl_fw_formats[i]->name, name) == 0)
			return tl_fw_formats[i];
	return NULL;
}

/* A fresh per-file state: nothing remembered, the time options attached. */
void tl_fw_state_init(struct tl_fw_state *st, const struct tl_time_opts *time)
{
	memset(st, 0, sizeof *st);
	st->time = time;
	for (unsigned i = 0; i < TL_FW_COLS_MAX; i++)
		st->cols[i] = -1;
}

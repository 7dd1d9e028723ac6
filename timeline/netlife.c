/* netlife.c -- the timeline tool's entry point: one program, subcommands. */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include "tl_evlog.h"
#include "tl_fw.h"
#include "tl_merge.h"
#include "tl_show.h"

static void usage(FILE *f)
{
	fputs("usage: netlife COMMAND [ARGS]\n"
	      "Which exchange of the BOINC client produced each packet the firewall dropped, and why.\n\n"
	      "  merge    merge traces, the client's event log and firewall logs/captures\n"
	      "           into one attributed, explained timeline\n"
	      "  show     print a timeline, filtered (project, kind, host, time, late only)\n"
	      "  explain  everything about one dropped packet (client port or time)\n"
	      "  stats    counts of late segments by cause, kind and project\n"
	      "  formats  the input formats netlife reads\n\n"
	      "netlife COMMAND --help tells more; man netlife(1).\n", f);
}

/* The formats, from the parsers' own registries (never a separate list). */
static int formats_main(void)
{
	puts("inputs recognised by content (or named with --fw-format / --log-format):");
	puts("  netlife-trace  a trace written by libnetlife (netlife-run)");
	puts("  pcap           a pcap or pcapng capture (libpcap)");
	for (unsigned i = 0; tl_evlog_formats[i]; i++)
		printf("  %-14s event log: %s\n", tl_evlog_formats[i]->name, tl_evlog_formats[i]->what);
	for (unsigned i = 0; tl_fw_formats[i]; i++)
		printf("  %-14s firewall: %s\n", tl_fw_formats[i]->name, tl_fw_formats[i]->what);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "merge") == 0)
		return tl_merge_main(argc - 1, argv + 1);
	if (strcmp(cmd, "show") == 0)
		return tl_show_main(argc - 1, argv + 1);
	if (strcmp(cmd, "explain") == 0)
		return tl_explain_main(argc - 1, argv + 1);
	if (strcmp(cmd, "stats") == 0)
		return tl_stats_main(argc - 1, argv + 1);
	if (strcmp(cmd, "formats") == 0)
		return formats_main();
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		puts("netlife " PACKAGE_VERSION);
		return 0;
	}
	fprintf(stderr, "netlife: unknown command '%s'\n", cmd);
	usage(stderr);
	return 2;
}

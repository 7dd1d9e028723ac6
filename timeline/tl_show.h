/* tl_show.h -- reading a written timeline again: "netlife show" (filters),
 * "netlife explain" (one dropped packet, with its connection and exchange)
 * and "netlife stats" (the tallies). */
#ifndef TL_SHOW_H
#define TL_SHOW_H

int tl_show_main(int argc, char **argv);
int tl_explain_main(int argc, char **argv);
int tl_stats_main(int argc, char **argv);

#endif

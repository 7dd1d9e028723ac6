/* tl_merge.h -- "netlife merge": the subcommand that reads every input and
 * writes the merged, attributed, explained timeline. */
#ifndef TL_MERGE_H
#define TL_MERGE_H

int tl_merge_main(int argc, char **argv);

#endif

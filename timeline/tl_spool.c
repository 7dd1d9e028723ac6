/* tl_spool.c -- a plain binary temporary file of fixed-size records. */
#include "config.h"
#include "tl_spool.h"

int tl_spool_open(struct tl_spool *s)
{
	s->count = 0;
	s->f = tmpfile();
	return s->f ? 0 : -1;
}

int tl_spool_put(struct tl_spool *s, const struct tl_spooled *rec)
{
	if (fwrite(rec, sizeof *rec, 1, s->f) != 1)
		return -1;
	s->count++;
	return 0;
}

int tl_spool_rewind(struct tl_spool *s)
{
	if (fflush(s->f) != 0)
		return -1;
	rewind(s->f);
	return 0;
}

int tl_spool_get(struct tl_spool *s, struct tl_spooled *rec)
{
	return fread(rec, sizeof *rec, 1, s->f) == 1;
}

void tl_spool_close(struct tl_spool *s)
{
	if (s->f)
		fclose(s->f);
	s->f = NULL;
}

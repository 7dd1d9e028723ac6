/*
 * Recognising a project's master page in a response body: it names its
 * scheduler, <link rel="boinc_scheduler" href=...> or
 * <scheduler>...</scheduler>.  Every download's first 64 KiB pass through
 * here, so the scan must cost little per byte.
 */
#include "config.h"

#include <string.h>

#include "nl_sniff.h"

#define NL_WORD		"scheduler"
#define NL_WORD_LEN	9
#define NL_KEY_AT	5	/* its 'u', a rare letter in text */

/*
 * Does buf hold "boinc_scheduler" or "<scheduler>"?  memchr (vectorised
 * in libc) skips to each 'u'; only there is the word compared: far fewer
 * instructions per byte than a general substring search, and on binary
 * data a candidate only every few hundred bytes.
 */
int
nl_sniff_master_page(const char *buf, size_t n)
{
	const char *end = buf + n, *p;

	if (n < NL_WORD_LEN)
		return 0;
	p = buf + NL_KEY_AT;
	while (p < end && (p = memchr(p, 'u', (size_t)(end - p))) != NULL) {
		const char *w = p - NL_KEY_AT;

		p++;
		if (end - w < NL_WORD_LEN || memcmp(w, NL_WORD, NL_WORD_LEN) != 0)
			continue;
		if ((w - buf >= 6 && memcmp(w - 6, "boinc_", 6) == 0) ||
		    (w - buf >= 1 && w[-1] == '<' && end - w > NL_WORD_LEN &&
		    w[NL_WORD_LEN] == '>'))
			return 1;
	}
	return 0;
}

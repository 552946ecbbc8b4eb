/* Conflicting accesses, as the runs that stop at every access (chaos pos
 * and walk) see them: two threads touching the same 8-byte word, one of
 * them writing. The sites of such accesses are where a thread switch can
 * change what the program computes; `record --stats` prints them, hunt
 * collects them over its runs, and a directed run (record
 * --conflict-sites) switches threads only around them.
 *
 * Bounded: at most CONFLICT_WORDS words are followed (later ones are not
 * looked at) and CONFLICT_MAX_SITES sites kept. */
#ifndef HEISEN_CONFLICTS_H
#define HEISEN_CONFLICTS_H

#include <stdint.h>
#include <sys/types.h>

#define CONFLICT_WORDS 8192
#define CONFLICT_MAX_SITES 64

struct conflicts {
	struct conflict_word {
		uint64_t word;        /* address >> 3 and the process, plus one
					 (0: a free slot) */
		pid_t writer, reader; /* the last of each (0: none yet) */
		uint64_t wsite, rsite;
	} *w;                         /* CONFLICT_WORDS of them, once used */
	size_t used;
	uint64_t site[CONFLICT_MAX_SITES];
	unsigned n;
};

/* Thread tid of process tgid, at the site whose instruction is at `site`,
 * touches addr. */
void conflicts_access(struct conflicts *c, pid_t tgid, pid_t tid, uint64_t site,
		      uint64_t addr, int writes);
void conflicts_free(struct conflicts *c);

#endif

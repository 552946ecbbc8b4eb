#include "recorder/conflicts.h"

#include <stdlib.h>

static void add_site(struct conflicts *c, uint64_t site)
{
	for (unsigned i = 0; i < c->n; i++)
		if (c->site[i] == site)
			return;
	if (c->n < CONFLICT_MAX_SITES)
		c->site[c->n++] = site;
}

/* The word's slot (open addressing), or NULL when the table is full. */
static struct conflict_word *slot(struct conflicts *c, pid_t tgid, uint64_t addr)
{
	if (!c->w && !(c->w = calloc(CONFLICT_WORDS, sizeof *c->w)))
		return NULL;
	/* user addresses are below 2^47: the word fits in 44 bits */
	uint64_t key = ((addr >> 3) ^ (uint64_t)(uint32_t)tgid << 44) + 1;
	size_t i = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 51) % CONFLICT_WORDS;
	for (size_t probe = 0; probe < CONFLICT_WORDS; probe++, i = (i + 1) % CONFLICT_WORDS) {
		if (c->w[i].word == key)
			return &c->w[i];
		if (!c->w[i].word) {
			if (c->used + 1 >= CONFLICT_WORDS / 2)
				return NULL; /* half full: new words are not followed */
			c->used++;
			c->w[i].word = key;
			return &c->w[i];
		}
	}
	return NULL;
}

void conflicts_access(struct conflicts *c, pid_t tgid, pid_t tid, uint64_t site,
		      uint64_t addr, int writes)
{
	struct conflict_word *w = slot(c, tgid, addr);
	if (!w)
		return;
	if (w->writer && w->writer != tid) {
		add_site(c, w->wsite);
		add_site(c, site);
	}
	if (writes && w->reader && w->reader != tid) {
		add_site(c, w->rsite);
		add_site(c, site);
	}
	if (writes) {
		w->writer = tid;
		w->wsite = site;
	} else {
		w->reader = tid;
		w->rsite = site;
	}
}

void conflicts_free(struct conflicts *c)
{
	free(c->w);
	c->w = NULL;
}

#include "recorder/chaos.h"

#include <stdlib.h>
#include <string.h>

#include "core/trace.h"

/* splitmix64: small, fast, and the same sequence everywhere for a seed. */
uint64_t chaos_random(struct chaos *c)
{
	uint64_t z = (c->rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

void chaos_init(struct chaos *c, const struct chaos_options *o)
{
	memset(c, 0, sizeof *c);
	c->opt = *o;
	if (c->opt.depth > CHAOS_MAX_DEPTH)
		c->opt.depth = CHAOS_MAX_DEPTH;
	if (!c->opt.steps)
		c->opt.steps = 1;
	c->rng = o->seed;
	if (o->mode & CHAOS_PCT) {
		for (unsigned i = 0; i < c->opt.depth; i++)
			c->change_at[i] = 1 + chaos_random(c) % c->opt.steps;
		qsort(c->change_at, c->opt.depth, sizeof c->change_at[0], cmp_u64);
	}
	c->lowest = 0;
	/* The unlock's planned points in every run; each other kind (locked
	 * instructions, stores, futex wakes) in one run of four: their hits
	 * cost traps and their preemptions move the schedule away from the
	 * unlock's, so runs that mix them all catch the unlock races less
	 * often. */
	c->planned_kinds = 1u << PLANNED_UNLOCK;
	if (chaos_random(c) % 4 == 0)
		c->planned_kinds |= 1u << PLANNED_LOCKED;
	if (chaos_random(c) % 4 == 0)
		c->planned_kinds |= 1u << PLANNED_STORE_BEFORE | 1u << PLANNED_STORE_AFTER;
	if (chaos_random(c) % 4 == 0)
		c->planned_kinds |= 1u << PLANNED_FUTEX_WAKE;
}

int chaos_plans(const struct chaos *c, int kind)
{
	return (c->planned_kinds >> kind) & 1;
}

int64_t chaos_new_priority(struct chaos *c)
{
	/* above every lowered one: 1..2^31 */
	return 1 + (int64_t)(chaos_random(c) % (1ull << 31));
}

int chaos_at_change_point(struct chaos *c)
{
	c->syscalls++;
	int hit = 0;
	while (c->next_change < c->opt.depth &&
	       c->change_at[c->next_change] <= c->syscalls) {
		hit |= c->change_at[c->next_change] == c->syscalls;
		c->next_change++;
	}
	return hit;
}

int64_t chaos_lower(struct chaos *c)
{
	return --c->lowest;
}

uint64_t chaos_slice_ticks(struct chaos *c, uint64_t tick_us)
{
	/* 100 us to 4 ms */
	uint64_t us = 100 + chaos_random(c) % 3901;
	uint64_t ticks = us / (tick_us ? tick_us : 1);
	return ticks ? ticks : 1;
}

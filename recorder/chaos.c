#include "recorder/chaos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>

#include "core/trace.h"

/* splitmix64: small, fast, and the same sequence everywhere for a seed. */
static uint64_t splitmix(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t chaos_random(struct chaos *c)
{
	return splitmix(&c->rng);
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
	c->slice_rng = o->seed ^ 0x5851f42d4c957f2dull;
	if (o->mode & CHAOS_PCT) {
		for (unsigned i = 0; i < c->opt.depth; i++)
			c->change_at[i] = 1 + chaos_random(c) % c->opt.steps;
		qsort(c->change_at, c->opt.depth, sizeof c->change_at[0], cmp_u64);
	}
	if (o->mode & CHAOS_ACCESS) {
		uint64_t n = c->opt.access_steps ? c->opt.access_steps : 1;
		for (unsigned i = 0; i < c->opt.depth; i++)
			c->access_change[i] = 1 + chaos_random(c) % n;
		qsort(c->access_change, c->opt.depth, sizeof c->access_change[0], cmp_u64);
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
	return (c->opt.mode & CHAOS_PLAN) && ((c->planned_kinds >> kind) & 1);
}

static const struct {
	const char *name;
	int bits;
} mode_names[] = {
	{"pct", CHAOS_PCT}, {"slices", CHAOS_SLICES}, {"planned", CHAOS_PLAN},
	{"access", CHAOS_ACCESS}, {"pos", CHAOS_POS}, {"walk", CHAOS_WALK},
	{"lifo", CHAOS_LIFO}, {"handoff", CHAOS_HANDOFF | CHAOS_PLAN},
	{"both", CHAOS_ALL}, {"all", CHAOS_ALL}, {"default", CHAOS_DEFAULT},
};

int chaos_mode_parse(const char *s)
{
	int bits = 0;
	while (*s) {
		size_t n = strcspn(s, ",+");
		int found = 0;
		for (size_t i = 0; i < sizeof mode_names / sizeof mode_names[0]; i++)
			if (strlen(mode_names[i].name) == n && !strncmp(s, mode_names[i].name, n)) {
				bits |= mode_names[i].bits;
				found = 1;
			}
		if (!found)
			return -1;
		s += n;
		if ((*s == ',' || *s == '+') && *++s == 0)
			return -1;
	}
	return bits ? bits : -1;
}

const char *chaos_mode_name(unsigned mode, char *buf, size_t len)
{
	/* traces of earlier heisens: 3 had the planned points too */
	if (mode == (CHAOS_PCT | CHAOS_SLICES))
		mode = CHAOS_ALL;
	snprintf(buf, len, "%s%s%s%s%s%s%s%s", mode & CHAOS_PCT ? "+pct" : "",
		 mode & CHAOS_SLICES ? "+slices" : "", mode & CHAOS_PLAN ? "+planned" : "",
		 mode & CHAOS_ACCESS ? "+access" : "", mode & CHAOS_POS ? "+pos" : "",
		 mode & CHAOS_WALK ? "+walk" : "", mode & CHAOS_LIFO ? "+lifo" : "",
		 mode & CHAOS_HANDOFF ? "+handoff" : "");
	if (!buf[0])
		snprintf(buf, len, "+?");
	return buf + 1;
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
	uint64_t us = 100 + splitmix(&c->slice_rng) % 3901;
	uint64_t ticks = us / (tick_us ? tick_us : 1);
	return ticks ? ticks : 1;
}

/* Access mode's slices: 64 to 8191 accesses, so that a thread spinning on
 * a flag (a shared access too) gives the others their turn. Syscalls do
 * not end a slice, except a sched_yield (chaos_access_syscall): any other
 * slice would break PCT's priorities, and a bug that needs one thread to
 * keep running over many syscalls (a parent creating ten threads) could
 * not happen. */
void chaos_access_new_slice(struct chaos *c)
{
	c->slice_end = c->accesses + 64 + splitmix(&c->slice_rng) % 8128;
}

int chaos_access_syscall(const struct chaos *c, long nr)
{
	return (c->opt.mode & CHAOS_ACCESS) && nr == SYS_sched_yield;
}

uint64_t chaos_access_budget(const struct chaos *c)
{
	if (!(c->opt.mode & CHAOS_ACCESS))
		return 0;
	uint64_t until = c->slice_end;
	if (c->next_access_change < c->opt.depth && c->access_change[c->next_access_change] < until)
		until = c->access_change[c->next_access_change];
	return until > c->accesses ? until - c->accesses : 1;
}

int chaos_access_change(struct chaos *c)
{
	int hit = 0;
	while (c->next_access_change < c->opt.depth &&
	       c->access_change[c->next_access_change] <= c->accesses) {
		hit = 1;
		c->next_access_change++;
	}
	return hit;
}

/* The chaos scheduler of `heisen record --chaos`: instead of round robin,
 * thread choices meant to make rare interleavings happen, every one drawn
 * from a seeded generator and noted in the trace (EV_CHAOS).
 *
 * - PCT (Burckhardt et al., ASPLOS 2010): every thread gets a random
 *   priority when it starts, and the ready thread of highest priority runs.
 *   At `depth` change points, syscalls of the running thread chosen at
 *   random among the first `steps`, its priority drops below every other.
 *   Switches happen at syscalls, where they cost nothing.
 * - Random timeslices: each slice lasts a random 0.1-4 ms; when it ends
 *   the running thread is switched out for a random ready one (slices
 *   mode) or, with PCT, drops below every other thread (starved until the
 *   others block).
 *
 * - Access mode: PCT again, its change points drawn among the run's
 *   shared-memory accesses (yield-site executions, patching/yield.h)
 *   rather than its syscalls, and slices measured in accesses too, so that
 *   a thread can be switched out between any load and store of the
 *   executable and a seed gives the same schedule every time.
 *
 * The replay needs none of this: the schedule it produced is in the trace
 * like any other. */
#ifndef HEISEN_CHAOS_H
#define HEISEN_CHAOS_H

#include <stddef.h>
#include <stdint.h>

#include "core/task.h" /* PLANNED_KINDS */

#define CHAOS_MAX_DEPTH 32
#define CHAOS_MAX_CONFLICT_SITES 64
/* Planned preemptions: at most this many per thread, and this much
 * starvation in all (a thread that releases a mutex in a hot loop would
 * otherwise spend the run starved). */
#define PLANNED_PER_THREAD 8
#define PLANNED_STARVE_BUDGET_US 400000
/* A starvation drawn as US microseconds lasts US / this many steps of the
 * others (rec_chaos.c): 50 to 1000. */
#define PLANNED_US_PER_STEP 20
/* ... or, while the others run without making steps, this long after its
 * clock time */
#define PLANNED_SPIN_FALLBACK_US 200000

struct chaos_options {
	int mode;           /* enum chaos_mode; 0: chaos off */
	uint64_t seed;
	unsigned depth;     /* PCT change points */
	unsigned steps;     /* ... placed among this many syscalls */
	uint64_t access_steps; /* access mode: ... among this many yield-site
				  executions (an estimate of the run's) */
	/* a directed run: the sites of conflicting accesses of earlier runs
	 * (recorder/conflicts.h). Every access stops, but decisions are
	 * taken only just before and just after these sites: the walk draws
	 * a thread there (and at syscalls) instead of at every access, and
	 * access mode's PCT also lowers the thread there, one time in four,
	 * besides its change points. */
	uint64_t conflict_sites[CHAOS_MAX_CONFLICT_SITES];
	unsigned nconflict_sites;
};

struct chaos {
	struct chaos_options opt;
	uint64_t rng;
	uint64_t slice_rng;                   /* the slices' own draws: a
						 slice more or less (timing)
						 leaves the rest alone */
	uint64_t syscalls;                    /* of running threads, so far */
	uint64_t change_at[CHAOS_MAX_DEPTH];  /* syscall numbers, sorted */
	unsigned next_change;
	int64_t lowest;                       /* below every priority so far */
	uint64_t slice_ticks;                 /* of the current slice */
	uint64_t starved_us[PLANNED_KINDS];   /* planned starvation so far */
	unsigned planned_kinds;               /* 1 << kind: this run's kinds */
	/* access mode: logical time is yield-site executions */
	uint64_t accesses;                    /* so far, by every thread */
	uint64_t access_change[CHAOS_MAX_DEPTH]; /* change points, sorted */
	unsigned next_access_change;
	uint64_t slice_end;                   /* the running thread's slice
						 ends at this access, or at
						 a sched_yield */
};

/* "pct", "slices", "planned", "access", separated by commas or "+" (as
 * chaos_mode_name writes them), or "both" / "all" (the first three): enum
 * chaos_mode's bits (core/trace.h), or -1. */
int chaos_mode_parse(const char *s);
/* "pct+slices+planned" and the like. */
const char *chaos_mode_name(unsigned mode, char *buf, size_t len);

void chaos_init(struct chaos *c, const struct chaos_options *o);
/* Whether this run preempts at planned points of that kind. */
int chaos_plans(const struct chaos *c, int kind);
uint64_t chaos_random(struct chaos *c);
/* A new thread's priority (higher runs first). */
int64_t chaos_new_priority(struct chaos *c);
/* Whether the running thread's next syscall is a change point. */
int chaos_at_change_point(struct chaos *c);
/* A priority below every other (for a change point or a starved thread). */
int64_t chaos_lower(struct chaos *c);
/* Access mode: how many yield-site executions the running thread may make
 * before the scheduler decides again (its next change point or the end of
 * its slice), or 0 for no limit. */
uint64_t chaos_access_budget(const struct chaos *c);
/* Access mode: at a yield-site stop, with c->accesses brought up to date:
 * 1 if a change point was reached (and passed), 0 at a slice's end. */
int chaos_access_change(struct chaos *c);
/* Access mode: a new slice for the thread about to run. */
void chaos_access_new_slice(struct chaos *c);
/* Access mode: at a syscall of the running thread: 1 if its slice is over
 * (it yields: a thread spinning with sched_yield lets the others run). */
int chaos_access_syscall(const struct chaos *c, long nr);
/* A new slice's length in ticks of tick_us microseconds. */
uint64_t chaos_slice_ticks(struct chaos *c, uint64_t tick_us);

#endif

/* The recorder's side of the chaos scheduler (recorder/chaos.h): where its
 * decisions are taken and noted in the trace. */
#include "record.h"

#include <linux/futex.h>
#include <sys/syscall.h>


/* Priorities rule: PCT, with its change points among syscalls or
 * accesses. */
static int pct(const struct rec_session *s)
{
	return s->opt->chaos.mode & (CHAOS_PCT | CHAOS_YIELDS | CHAOS_LIFO);
}

static void note(struct rec_session *s, struct task *t, int kind, uint64_t a,
		 uint64_t b)
{
	struct event ev = {.type = EV_CHAOS};
	ev.chaos.kind = (uint8_t)kind;
	ev.chaos.a = a;
	ev.chaos.b = b;
	rec_put(s, &ev, t);
}

static void set_priority(struct rec_session *s, struct task *t, int64_t prio,
			 int change_point)
{
	t->prio = prio;
	note(s, t, CHAOS_PRIORITY, (uint64_t)prio, (uint64_t)change_point);
}

void rec_chaos_start(struct rec_session *s, struct task *leader)
{
	if (!s->opt->chaos.mode)
		return; /* (s->chaos was set up by rec_start, for the header) */
	rec_chaos_new_thread(s, leader);
}

/* lifo: the new thread ranks just below its creator, above everything
 * that was below the creator (those move down one, and so does the
 * bottom). Random priorities make the reverse of the creation order as
 * rare as any other (1 in n!), though the kernel's own schedule is close
 * to the creation order, so the bugs that hide natively are those where a
 * later thread overtakes earlier ones: here every later sibling overtakes
 * every earlier one, while their creator goes on until it blocks. */
static int64_t below_creator(struct rec_session *s, const struct task *creator,
			     const struct task *t)
{
	int64_t p = creator->prio;
	for (size_t i = 0; i < s->tasks.n; i++) {
		struct task *x = &s->tasks.v[i];
		if (x != t && x != creator && x->prio < p)
			x->prio--;
	}
	s->chaos.lowest--;
	return p - 1;
}

void rec_chaos_new_thread(struct rec_session *s, struct task *t)
{
	struct task *creator = t->creator ? task_find(&s->tasks, t->creator) : NULL;
	if ((s->opt->chaos.mode & CHAOS_LIFO) && creator)
		set_priority(s, t, below_creator(s, creator, t), 6);
	else if (pct(s))
		set_priority(s, t, chaos_new_priority(&s->chaos), 0);
	rec_planned_arm(s, t);
}

/* Logical time for planned starvation: the syscalls and accesses made so
 * far, by every thread. */
static uint64_t steps_now(const struct rec_session *s)
{
	return s->stats.syscalls + s->chaos.accesses;
}

/* Whether t can be preempted at planned points of that kind no more (its
 * budget or the run's is spent). */
static int planned_spent(const struct rec_session *s, const struct task *t, int kind)
{
	return t->planned_preemptions[kind] >= PLANNED_PER_THREAD ||
	       s->chaos.starved_us[kind] >= PLANNED_STARVE_BUDGET_US;
}

/* One hit in four: often enough to land in a race window within a few
 * runs, rarely enough that threads still make progress; every hit in
 * handoff mode, where each thread hands the CPU on at every unlock (an
 * atomicity violation spread over several critical sections needs a
 * switch at each of their ends). The preempted
 * thread goes below every other, so another one really runs now, and is
 * starved while the others make 50-1000 steps (syscalls and accesses): the
 * others may block and wake meanwhile, as they would while the kernel left
 * it waiting for a CPU. Counted in steps, not time, so that a seed gives
 * the same schedule; only when the others all sleep where they may wake by
 * themselves (a timer, a read from outside) does the clock end it, after
 * 1-20 ms (rec_chaos_pick). */
int rec_chaos_planned(struct rec_session *s, struct task *t, uint64_t site, int kind)
{
	unsigned odds = (s->opt->chaos.mode & CHAOS_HANDOFF) ? 1 : 4;
	if (chaos_random(&s->chaos) % odds || planned_spent(s, t, kind))
		return 0;
	uint64_t us = 1000 + chaos_random(&s->chaos) % 19001;
	t->planned_preemptions[kind]++;
	s->chaos.starved_us[kind] += us;
	t->starved_steps = steps_now(s) + us / PLANNED_US_PER_STEP;
	t->starved_until = rec_ticks_now() + us / rec_tick_us(s) + 1;
	note(s, t, CHAOS_PLANNED, site, us | (uint64_t)kind << 32);
	if (pct(s))
		set_priority(s, t, chaos_lower(&s->chaos), 3);
	return 1;
}

void rec_chaos_site(struct rec_session *s, struct task *t, uint64_t site, int kind)
{
	note(s, t, CHAOS_SITE, site, (uint64_t)kind);
}

/* A futex wake that woke a thread: the waker may be preempted just after
 * it (returns 1: it then gives the CPU away even if nobody is ready yet,
 * since the woken thread's return is on its way). */
int rec_chaos_after_wake(struct rec_session *s, struct task *t,
			 const uint64_t *args, int64_t result)
{
	int op = (int)(args[1] & FUTEX_CMD_MASK);
	int wakes = op == FUTEX_WAKE || op == FUTEX_WAKE_OP || op == FUTEX_WAKE_BITSET ||
		    op == FUTEX_REQUEUE || op == FUTEX_CMP_REQUEUE;
	if (!s->opt->chaos.mode || t->nr != SYS_futex || !wakes || result <= 0 ||
	    !chaos_plans(&s->chaos, PLANNED_FUTEX_WAKE))
		return 0;
	return rec_chaos_planned(s, t, t->exit_regs.rip, PLANNED_FUTEX_WAKE);
}

/* Starved no more: the others made their steps, or (a thread spinning
 * where nothing counts its steps: library code) the clock's fallback
 * came. */
static int runnable(const struct rec_session *s, const struct task *x)
{
	uint64_t fallback = x->starved_until + PLANNED_SPIN_FALLBACK_US / rec_tick_us(s);
	return x->state == T_READY &&
	       (x->starved_steps <= steps_now(s) || rec_ticks_now() >= fallback);
}

/* The ready thread of highest priority, if it beats `than`. */
static struct task *best_ready(struct rec_session *s, const struct task *than)
{
	struct task *best = NULL;
	for (size_t i = 0; i < s->tasks.n; i++) {
		struct task *x = &s->tasks.v[i];
		if (runnable(s, x) && x != than && (!best || x->prio > best->prio))
			best = x;
	}
	if (best && than && best->prio <= than->prio)
		return NULL;
	return best;
}

/* POS (Yuan, Yang and Gu, CAV 2018): each thread's next event has a
 * random priority and the thread whose next event has the highest runs it.
 * Once an access has run, every waiting access that races with it (the
 * same word, one of the two a write) gets a new priority, and so does the
 * thread's own next event: a sample of the interleavings that weighs each
 * partial order rather than each thread schedule. The events are the
 * accesses at yield sites (each a stop: budget 1) and the syscalls. */
static int pos(const struct rec_session *s)
{
	return s->opt->chaos.mode & CHAOS_POS;
}

/* The random walk (the "random scheduler" of controlled-concurrency
 * testing): at every event (an access at a yield site, or a syscall) each
 * thread draws a new priority, so the next event is a ready thread's
 * chosen uniformly at random. Unlike PCT it switches often; unlike POS it
 * ignores which accesses conflict. */
static int walk(const struct rec_session *s)
{
	return s->opt->chaos.mode & CHAOS_WALK;
}

static void walk_step(struct rec_session *s)
{
	for (size_t i = 0; i < s->tasks.n; i++)
		s->tasks.v[i].prio = chaos_new_priority(&s->chaos);
}

static void pos_executed(struct rec_session *s, struct task *t)
{
	if (!t->pos_known)
		return;
	for (size_t i = 0; i < s->tasks.n; i++) {
		struct task *u = &s->tasks.v[i];
		if (u != t && u->state == T_READY && u->pos_known &&
		    u->pos_addr >> 3 == t->pos_addr >> 3 && (u->pos_write || t->pos_write))
			u->prio = chaos_new_priority(&s->chaos);
	}
}

uint64_t rec_chaos_budget(struct rec_session *s)
{
	return pos(s) || walk(s) || s->opt->chaos.nconflict_sites ? 1
								 : chaos_access_budget(&s->chaos);
}

/* A directed run decides only just before and just after the sites it
 * was given, where another thread's access conflicted in earlier runs: a
 * switch before a conflicting access lets the other one go first, a
 * switch after it lets the other see what it wrote. */
static int decides_here(const struct rec_session *s, struct task *t, uint64_t site)
{
	const struct chaos_options *o = &s->opt->chaos;
	if (!o->nconflict_sites)
		return 1;
	int listed = 0;
	for (unsigned i = 0; i < o->nconflict_sites && !listed; i++)
		listed = o->conflict_sites[i] == site;
	int decides = listed || t->after_conflict_site;
	t->after_conflict_site = listed;
	return decides;
}

int rec_chaos_directed_change(struct rec_session *s, struct task *t, uint64_t site)
{
	return decides_here(s, t, site) && chaos_random(&s->chaos) % 4 == 0;
}

int rec_chaos_pos_step(struct rec_session *s, struct task *t, uint64_t site, int known,
		       uint64_t addr, int writes)
{
	if (known)
		conflicts_access(&s->conflicts, t->tgid, t->tid, site, addr, writes);
	if (walk(s)) {
		if (!decides_here(s, t, site))
			return 0;
		walk_step(s);
		return best_ready(s, t) != NULL;
	}
	pos_executed(s, t);
	t->pos_known = known;
	t->pos_addr = addr;
	t->pos_write = writes;
	t->prio = chaos_new_priority(&s->chaos);
	return best_ready(s, t) != NULL;
}

void rec_chaos_at_syscall(struct rec_session *s, struct task *t)
{
	if (!pct(s))
		return;
	if (walk(s))
		walk_step(s);
	else if (pos(s)) {
		pos_executed(s, t);
		t->pos_known = 0; /* its next event: this syscall */
		t->prio = chaos_new_priority(&s->chaos);
	}
	if (chaos_at_change_point(&s->chaos))
		set_priority(s, t, chaos_lower(&s->chaos), 1);
	else if (chaos_access_syscall(&s->chaos, t->nr)) {
		set_priority(s, t, chaos_lower(&s->chaos), 5);
		s->slice_owner = 0;
	}
	if (best_ready(s, t))
		t->switch_wanted = 1;
}

void rec_chaos_slice_over(struct rec_session *s, struct task *t)
{
	s->slice_owner = 0;
	if (pct(s))
		set_priority(s, t, chaos_lower(&s->chaos), 2);
}

/* A change point lowers the thread below every other, as at a syscall; the
 * end of a slice too, so that a thread spinning on a flag lets the one it
 * waits for run. */
void rec_chaos_yield(struct rec_session *s, struct task *t, uint64_t site, int change)
{
	note(s, t, CHAOS_YIELD, t->yield_since, site);
	if (!change)
		s->slice_owner = 0; /* its slice is over */
	if (!pos(s)) /* (POS's priorities change at every event: not noted) */
		set_priority(s, t, chaos_lower(&s->chaos), change ? 4 : 5);
}

void rec_chaos_new_slice(struct rec_session *s, struct task *t, uint64_t tick_us)
{
	if (s->opt->chaos.mode & CHAOS_ACCESS)
		chaos_access_new_slice(&s->chaos);
	if (!(s->opt->chaos.mode & CHAOS_SLICES))
		return;
	s->chaos.slice_ticks = chaos_slice_ticks(&s->chaos, tick_us);
	note(s, t, CHAOS_SLICE, s->chaos.slice_ticks * tick_us, 0);
}

static struct task *pick(struct rec_session *s)
{
	if (pct(s))
		return best_ready(s, NULL);
	size_t n = 0;
	for (size_t i = 0; i < s->tasks.n; i++)
		n += runnable(s, &s->tasks.v[i]);
	if (!n)
		return NULL;
	size_t k = chaos_random(&s->chaos) % n;
	for (size_t i = 0; i < s->tasks.n; i++)
		if (runnable(s, &s->tasks.v[i]) && k-- == 0)
			return &s->tasks.v[i];
	return NULL;
}

/* Nothing runs and every ready thread is starved: the others sleep. If
 * they sleep where only the tree can wake them, the starvation waits for
 * nothing (no time passing changes what the starved threads find): it
 * ends now. Otherwise each one's ends at its clock time, and the ticker
 * wakes the loop until then. (The /proc reads are made once per tick.) */
static void end_starvation_if_idle(struct rec_session *s)
{
	int in_vain = s->starve_checked_tick != rec_ticks_now() && rec_starved_in_vain(s);
	s->starve_checked_tick = rec_ticks_now();
	for (size_t i = 0; i < s->tasks.n; i++) {
		struct task *x = &s->tasks.v[i];
		if (x->state == T_READY && (in_vain || x->starved_until <= rec_ticks_now()))
			x->starved_steps = 0;
	}
}

struct task *rec_chaos_pick(struct rec_session *s)
{
	if (!s->opt->chaos.mode)
		return NULL;
	struct task *t = pick(s);
	if (t)
		return t;
	end_starvation_if_idle(s);
	return pick(s);
}

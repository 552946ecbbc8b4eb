/* The recorder's side of the yield sites (patching/yield.h): arming each
 * process's counter for the thread about to run, counting what each
 * thread executed, and switching threads where the chaos scheduler's
 * access mode asked (recorder/chaos.h). */
#include "record.h"

#include <limits.h>
#include <signal.h>

#include "core/ptrace_util.h"
#include "patching/exe_code.h"

void rec_yield_exec(struct rec_session *s, struct task *t)
{
	t->yield_armed = 0;
	t->yield_since = 0;
	if (!s->patch.yield_sites)
		return;
	const struct yield_image *im = t->yield.n ? patch_image(&s->patch, t->yield.img[0]) : NULL;
	/* after every exec, sites or none: the replay pairs each with its exec */
	struct event ev = {.type = EV_CHAOS};
	ev.chaos.kind = CHAOS_YIELD_SITES;
	ev.chaos.a = im ? im->region : 0;
	ev.chaos.b = im ? im->digest : 0;
	rec_put(s, &ev, t);
	s->stats.yield_sites += im ? im->n : 0;
}

int rec_yield_mapped(struct rec_session *s, struct task *t, const uint64_t *args,
		     int64_t result, struct err *e)
{
	if (!s->patch.yield_sites)
		return 0;
	uint64_t code_at, base, region = 0, digest = 0;
	int changed = patch_mapping_changed(&s->patch, &t->yield, t->nr, args, result, &code_at);
	char path[PATH_MAX], name[PATH_MAX];
	if (code_at &&
	    exe_find_at(t->tid, code_at, path, sizeof path, &base, name, sizeof name) == 0 &&
	    patch_library_wanted(name) &&
	    patch_library(&s->patch, t->tid, &t->yield, code_at, 0, &region, &digest, e) < 0)
		return -1;
	if (changed || region)
		task_share_yield(&s->tasks, t);
	if (!region)
		return 0;
	/* before the mmap's own record: the replay installs the same at its
	 * exit */
	struct event ev = {.type = EV_CHAOS};
	ev.chaos.kind = CHAOS_YIELD_LIB;
	ev.chaos.a = region;
	ev.chaos.b = digest;
	rec_put(s, &ev, t);
	s->stats.yield_sites += patch_image(&s->patch, t->yield.img[t->yield.n - 1])->n;
	return 0;
}

int rec_yield_resume(struct rec_session *s, struct task *t, struct err *e)
{
	if (!t->yield.n)
		return 0;
	uint64_t k = rec_chaos_budget(s);
	t->yield_armed = k ? k : YIELD_IDLE;
	t->yield_dirty = 1;
	return yield_arm(t->tid, t->yield_armed, e);
}

/* What t executed since it was resumed, from its process's counter. */
static void account(struct rec_session *s, struct task *t)
{
	uint64_t now;
	struct err ignored;
	if (!t->yield.n || !t->yield_dirty || yield_read(t->tid, &now, &ignored) < 0)
		return;
	uint64_t done = t->yield_armed - now;
	t->yield_armed = now;
	t->yield_since += done;
	s->chaos.accesses += done;
	s->stats.yield_executions += done;
}

void rec_yield_before_record(struct rec_session *s, struct task *t, int type)
{
	if (!t->yield.n)
		return;
	if (t->tid == s->current)
		account(s, t);
	if (type != EV_CHAOS)
		t->yield_since = 0;
}

void rec_yield_released(struct rec_session *s, struct task *t)
{
	if (t->yield.n && t->tid == s->current) {
		account(s, t);
		t->yield_dirty = 0;
	}
}

/* Chaos pos at t's stop before site k: does another thread go first? */
static int pos_switches(struct rec_session *s, struct task *t, const struct yield_image *im,
			long k, const struct user_regs_struct *r)
{
	uint64_t addr = 0;
	int writes = 0;
	int known = yield_site_access(im, k, r, &addr, &writes) == 0;
	return rec_chaos_pos_step(s, t, im->site[k], known, addr, writes);
}

/* A stop where t goes on: its own next event again, on to the next site. */
static int go_on(struct task *t, struct err *e)
{
	t->yield_armed = 1;
	t->yield_dirty = 1;
	if (yield_arm(t->tid, 1, e) < 0 || pt_syscall(t->tid, 0, e) < 0)
		return -1;
	return 1;
}

int rec_yield_hit(struct rec_session *s, struct task *t, struct err *e)
{
	struct user_regs_struct r;
	if (!t->yield.n)
		return 0;
	if (pt_getregs(t->tid, &r, e) < 0)
		return -1;
	const struct yield_image *im = patch_stub_image(&s->patch, &t->yield, r.rip);
	long site = im ? yield_trap_site(im, r.rip) : -1;
	if (site < 0)
		return 0;
	account(s, t);
	t->yield_dirty = 0;
	if ((s->opt->chaos.mode & (CHAOS_POS | CHAOS_WALK)) && !pos_switches(s, t, im, site, &r))
		return go_on(t, e);
	int change = chaos_access_change(&s->chaos);
	if (s->opt->chaos.nconflict_sites && !(s->opt->chaos.mode & (CHAOS_POS | CHAOS_WALK))) {
		/* every access stops: is this one a change point, the slice's
		 * end, or a decision around a conflicting site? */
		change |= rec_chaos_directed_change(s, t, im->site[site]);
		if (!change && s->chaos.accesses < s->chaos.slice_end)
			return go_on(t, e);
	}
	rec_chaos_yield(s, t, im->site[site], change);
	struct event ev = {.type = EV_PREEMPT};
	ev.point.regs = r;
	rec_put_preemption(s, t, &ev);
	s->stats.yield_stops++;
	return 1;
}

int rec_yield_skip_stop(const struct rec_session *s, const struct task *t,
			struct user_regs_struct *r)
{
	const struct yield_image *im = patch_stub_image(&s->patch, &t->yield, r->rip);
	return im ? yield_skip_stop(im, t->tid, r) : 0;
}

int rec_yield_bookkeeping(const struct rec_session *s, const struct task *t, uint64_t rip)
{
	const struct yield_image *im = patch_stub_image(&s->patch, &t->yield, rip);
	return im && yield_in_bookkeeping(im, rip);
}

void rec_yield_busy(const struct rec_session *s, const struct task *t, uint64_t *addr,
		    uint64_t *len)
{
	(void)s;
	*addr = t->yield.counter ? YIELD_COUNTER : 0;
	*len = t->yield.counter ? sizeof(uint64_t) : 0;
}

/* The replay's side of the yield sites (patching/yield.h): they are
 * installed after each exec as at record, and after each mmap of a library
 * the recording gave sites (the trace's digests say whether they came out
 * the same), and a preemption the recording took at a yield site is
 * reached by arming the process's counter with the count the trace gives:
 * the stub stops the thread at that very execution. */
#include "replay.h"

#include <signal.h>
#include <sys/wait.h>

#include "core/ptrace_util.h"
#include "core/regs.h"

/* The sites installed in `where` are the recording's, or a divergence. */
static int same_sites(struct rp_session *s, struct task *t, struct err *e, const char *where,
		      const char *hint, uint64_t region, uint64_t digest, uint64_t want_region,
		      uint64_t want_digest)
{
	if (region == want_region && digest == want_digest)
		return 0;
	return rp_diverge(s, t, e, "the yield sites installed in %s (region %#llx, digest "
			  "%016llx) are not the recording's (region %#llx, digest %016llx)%s",
			  where, (unsigned long long)region, (unsigned long long)digest,
			  (unsigned long long)want_region, (unsigned long long)want_digest, hint);
}

static int check_sites(struct rp_session *s, struct task *t, struct err *e)
{
	const struct yield_image *im = t->yield.n ? patch_image(&s->patch, t->yield.img[0]) : NULL;
	t->yield_expected = 0;
	return same_sites(s, t, e, "the program", ": was the trace made by another heisen?",
			  im ? im->region : 0, im ? im->digest : 0, t->yield_expect_region,
			  t->yield_expect_digest);
}

int rp_yield_exec(struct rp_session *s, struct task *t, struct err *e)
{
	if (patch_exec_done(&s->patch, t->tid, &t->yield, e) < 0)
		return -1;
	t->yield_armed = 0;
	t->yield_lib_expected = 0;
	if (!s->patch.yield_sites)
		return 0;
	if (t->yield_expected)
		return check_sites(s, t, e);
	t->yield_fresh = 1; /* its note comes next */
	return 0;
}

int rp_yield_note(struct rp_session *s, struct task *t, struct err *e)
{
	const struct event *ev = &s->ev;
	if (ev->chaos.kind == CHAOS_YIELD_SITES) {
		/* noted at each exec's exit, which the replay may not have
		 * finished yet (then checked once it has) */
		t->yield_expect_region = ev->chaos.a;
		t->yield_expect_digest = ev->chaos.b;
		t->yield_expected = 1;
		if (!t->yield_fresh)
			return 0;
		t->yield_fresh = 0;
		return check_sites(s, t, e);
	}
	if (ev->chaos.kind == CHAOS_YIELD_LIB) {
		if (!s->patch.yield_sites || !ev->chaos.a)
			return rp_diverge(s, t, e, "a library's yield sites at %#llx in a "
					  "recording without them",
					  (unsigned long long)ev->chaos.a);
		t->yield_lib_expected = 1; /* its mmap comes next */
		t->yield_lib_region = ev->chaos.a;
		t->yield_lib_digest = ev->chaos.b;
		return 0;
	}
	if (ev->chaos.kind != CHAOS_YIELD)
		return 0;
	if (!t->yield.n)
		return rp_diverge(s, t, e, "a preemption at a yield site, but the program "
				  "has none");
	if (!ev->chaos.a)
		return rp_diverge(s, t, e, "a preemption at a yield site's 0th execution");
	t->yield_armed = ev->chaos.a;
	return yield_arm(t->tid, ev->chaos.a, e);
}

int rp_yield_mapped(struct rp_session *s, struct task *t, const uint64_t *args,
		    int64_t result, struct err *e)
{
	int want = t->yield_lib_expected;
	t->yield_lib_expected = 0;
	if (!s->patch.yield_sites)
		return 0;
	uint64_t code_at, region = 0, digest = 0;
	int changed = patch_mapping_changed(&s->patch, &t->yield, t->nr, args, result, &code_at);
	if (want && !code_at)
		return rp_diverge(s, t, e, "the recording installed a library's yield sites "
				  "after this call, which maps no library's code");
	if (want && patch_library(&s->patch, t->tid, &t->yield, code_at, t->yield_lib_region,
				  &region, &digest, e) < 0)
		return -1;
	if (changed || want)
		task_share_yield(&s->tasks, t);
	if (!want)
		return 0;
	char where[64];
	snprintf(where, sizeof where, "the library at %#llx", (unsigned long long)code_at);
	return same_sites(s, t, e, where, "", region, digest, t->yield_lib_region,
			  t->yield_lib_digest);
}

int rp_yield_preempt(struct rp_session *s, struct task *t, struct err *e)
{
	const struct user_regs_struct *want = &s->ev.point.regs;
	t->yield_armed = 0;
	if (rp_step(s, t, e) < 0)
		return -1;
	struct user_regs_struct r;
	char what[64];
	int st = t->last_status;
	if (stop_classify(st) != STOP_SIGNAL || WSTOPSIG(st) != SIGTRAP)
		return rp_diverge(s, t, e, "ran past the recorded yield-site stop (rip 0x%llx) "
				  "into %s", (unsigned long long)want->rip,
				  rp_stop_str(st, what, sizeof what));
	if (pt_getregs(t->tid, &r, e) < 0)
		return -1;
	if (!regs_same_point(&r, want)) {
		char diff[600];
		regs_diff(want, &r, diff, sizeof diff);
		return rp_diverge(s, t, e, "the yield-site stop is not where it was recorded (%s)",
				  diff);
	}
	s->stats.points++;
	return 0;
}

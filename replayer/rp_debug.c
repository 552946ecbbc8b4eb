/* A thread's run of user code under a debugger: the same as rp_step, but
 * the debugger (struct rp_debug) is asked before every resume and told of
 * every stop, so that it can stop the run at its breakpoints, watchpoints
 * and single steps, talk to gdb, and let the run go on. Only the replay's
 * own stop (a syscall entry, a signal) ends the run. */
#define _GNU_SOURCE
#include "replay.h"

#include <string.h>
#include <sys/ptrace.h>

#include "core/ptrace_util.h"
#include "core/regs.h"
#include "replayer/fastpoint.h"

/* PTRACE_SYSEMU_SINGLESTEP: a step that reaches a syscall instruction
 * stops at its entry, like PTRACE_SYSEMU, so the replay still emulates it. */
static int resume(pid_t tid, int step, int sig, struct err *e)
{
	long req = step ? PTRACE_SYSEMU_SINGLESTEP : PTRACE_SYSEMU;
	if (ptrace((enum __ptrace_request)req, tid, 0, (void *)(long)sig) < 0)
		return err_sys(e, "resuming thread %d", tid);
	return 0;
}

int rp_debug_step(struct rp_session *s, struct task *t, int sig, int queued,
		  struct err *e)
{
	const struct rp_debug *d = s->opt->debug;
	s->runs++;
	for (int first = 1;; first = 0) {
		int step = d->before_run(d->ctx, s, t, first ? RUN_FIRST : 0, e);
		if (step < 0)
			return -1;
		step = step == RUN_STEP;
		if (resume(t->tid, step, sig, e) < 0 ||
		    pt_wait(t->tid, &t->last_status, e) < 0)
			return -1;
		for (int n = 0; rp_is_noise(t->last_status, queued ? sig : 0) && n < 64; n++)
			if (resume(t->tid, step, 0, e) < 0 ||
			    pt_wait(t->tid, &t->last_status, e) < 0)
				return -1;
		sig = 0;
		queued = 0;
		t->at_entry = 0;
		t->emu_entry = stop_classify(t->last_status) == STOP_SYSCALL;
		int ours = d->after_stop(d->ctx, s, t, e);
		if (ours < 0)
			return -1;
		if (!ours)
			return 0;
	}
}

static int at_point(pid_t tid, const struct user_regs_struct *want,
		    const struct point_mem *mem)
{
	struct user_regs_struct r;
	struct err ignored;
	return pt_getregs(tid, &r, &ignored) == 0 && regs_same_point(&r, want) &&
	       point_mem_matches(tid, mem);
}

/* One single step toward the point (a debugger's step, or stepping off a
 * breakpoint). */
static int step_once(struct task *t, struct err *e)
{
	if (ptrace(PTRACE_SINGLESTEP, t->tid, 0, 0) < 0)
		return err_sys(e, "PTRACE_SINGLESTEP on thread %d", t->vtid);
	return pt_wait(t->tid, &t->last_status, e);
}

/* Past a few hits, the point finder runs the instructions at the point
 * from a copy (its trampoline). A debugger's debug register on them, or
 * a data watchpoint (which that copy might trigger), would then not be
 * seen for what it is, and only the hardware breakpoint may find the
 * point. Others (gdb's own breakpoint in the dynamic loader, say) are hit
 * as usual and end the run like any other stop. */
#define PATCH_REACH 32 /* bytes from the point the copy may cover */
static int trampoline_would_hide(pid_t tid, uint64_t point)
{
	struct err ignored;
	uint64_t dr7, addr;
	if (pt_dr_get(tid, 7, &dr7, &ignored) < 0)
		return 1;
	for (int i = 1; i < 4; i++) {
		if (!(dr7 & (3ull << (2 * i))))
			continue;
		int rw = (int)(dr7 >> (16 + 4 * i)) & 3;
		if (rw != 0 || pt_dr_get(tid, i, &addr, &ignored) < 0 ||
		    (addr >= point && addr < point + PATCH_REACH))
			return 1;
	}
	return 0;
}

int rp_debug_find_point(struct rp_session *s, struct task *t,
			const struct user_regs_struct *want,
			const struct point_mem *mem, int *reached, int *status,
			struct fastpoint_stats *st, struct err *e)
{
	const struct rp_debug *d = s->opt->debug;
	s->runs++;
	memset(st, 0, sizeof *st);
	for (int first = 1;; first = 0) {
		int how = d->before_run(d->ctx, s, t, RUN_TO_POINT | (first ? RUN_FIRST : 0), e);
		if (how < 0)
			return -1;
		if (how == RUN_STEP) {
			if (step_once(t, e) < 0)
				return -1;
		} else {
			enum fp_result res;
			/* the trampoline would run the code at rip from a copy,
			 * where a debug register on that code cannot see it */
			int hide = how != RUN_FREE && trampoline_would_hide(t->tid, want->rip);
			int rc = fastpoint_run(t->tid, rp_mem(s, t), want, mem, s->patch.gadget,
					       hide ? UINT64_MAX : FASTPOINT_HW_HITS,
					       &res, status, st, e);
			if (rc < 0)
				return -1;
			if (res == FP_REACHED) {
				*reached = 1;
				if (*status)
					t->last_status = *status;
				return d->at_point(d->ctx, s, t, e);
			}
			t->last_status = *status;
		}
		int ours = d->after_stop(d->ctx, s, t, e);
		if (ours < 0)
			return -1;
		if (!ours) {
			*reached = 0;
			*status = t->last_status;
			return 0;
		}
		if (how == RUN_STEP && at_point(t->tid, want, mem)) {
			*reached = 1;
			*status = t->last_status;
			return d->at_point(d->ctx, s, t, e);
		}
	}
}

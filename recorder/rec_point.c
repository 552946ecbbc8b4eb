/* Choosing where a preemption or an asynchronous signal lands. The kernel
 * stops a thread wherever it happens to be; the recorder may move that
 * point a few instructions forward (for an asynchronous event any point is
 * as legitimate as another) to one the replay can tell apart from other
 * passes through the same code: an instruction that reads memory, whose
 * value then joins the registers in the point's identity. It never stops
 * inside a rep-prefixed string instruction, which the replay could not
 * find again. */
#define _GNU_SOURCE
#include "record.h"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/point.h"
#include "core/regs.h"
#include "core/ptrace_util.h"
#include "core/regs.h"
#include "core/syscalls.h"

#define SETTLE_MAX_STEPS 16

/* One instruction forward; a rep string instruction runs to its end.
 * Returns 0, 1 if the instruction faulted instead (*status says how), -1.
 * No asynchronous signal can stop it: rec_settle_point blocks them all. */
static int step_over(struct task *t, const struct insn_info *ii,
		     uint64_t rip, int *status_out, struct err *e)
{
	int status = 0, rc = 0;
	if (ii->rep_string && pt_set_hwbp(t->tid, rip + (uint64_t)ii->len, e) < 0)
		return -1;
	/* a stale interrupt trap (PTRACE_EVENT_STOP) may fire first: again */
	for (int tries = 0; rc == 0 && tries < 4; tries++) {
		if (ii->rep_string ? pt_cont(t->tid, 0, e) < 0 :
		    ptrace(PTRACE_SINGLESTEP, t->tid, 0, 0) < 0) {
			rc = err_sys(e, "stepping thread %d", t->vtid);
			break;
		}
		rc = pt_wait(t->tid, &status, e);
		if (rc == 0 && !(stop_classify(status) == STOP_EVENT &&
				 stop_event(status) == PTRACE_EVENT_STOP))
			break;
	}
	if (ii->rep_string)
		pt_set_hwbp(t->tid, 0, e);
	if (rc < 0)
		return -1;
	*status_out = status;
	if (stop_classify(status) != STOP_SIGNAL || WSTOPSIG(status) != SIGTRAP)
		return 1;
	pt_clear_dr6(t->tid);
	return 0;
}

static int settle_steps(struct rec_session *s, struct task *t,
			struct user_regs_struct *r, struct err *e)
{
	for (int i = 0;; i++) {
		struct insn_info ii;
		point_insn_info(t->tid, r->rip, &ii);
		/* A stub's bookkeeping has rcx and rsp of its own: a point is
		 * never left there, even past the step limit (a stub is a few
		 * instructions long). */
		int bookkeeping = rec_yield_bookkeeping(s, t, r->rip);
		if (!bookkeeping && (i >= SETTLE_MAX_STEPS || !ii.ok || ii.traps ||
				     (ii.reads_mem && !ii.rep_string)))
			break;
		if (i >= 2 * SETTLE_MAX_STEPS)
			return err_set(e, "thread %d: cannot step out of a yield stub at 0x%llx",
				       t->vtid, (unsigned long long)r->rip);
		/* Stepping out of a stub whose count just reached zero would
		 * take it to its int3, a stop the replay reaches only with its
		 * counter armed (and here nothing says so): the stub is made
		 * not to stop. The scheduler's stop, if one was due there,
		 * comes at the next site (its budget is then 1). */
		if (bookkeeping && rec_yield_skip_stop(s, t, r)) {
			if (pt_setregs(t->tid, r, e) < 0)
				return -1;
			continue; /* look again where it is now */
		}
		int status = 0, rc = step_over(t, &ii, r->rip, &status, e);
		if (rc < 0)
			return -1;
		if (rc > 0 && stop_classify(status) == STOP_SIGNAL) {
			/* The instruction faults: the point stays before it,
			 * and the fault comes again when it runs after the
			 * handler. */
			s->stats.settle_interrupted++;
			return pt_getregs(t->tid, r, e);
		}
		if (rc > 0)
			return err_set(e, "thread %d: unexpected stop 0x%x while placing a point",
				       t->vtid, status);
		if (pt_getregs(t->tid, r, e) < 0)
			return -1;
		s->stats.settle_steps++;
	}
	return 0;
}

int rec_at_fresh_exit(const struct task *t, const struct user_regs_struct *r)
{
	return t->fresh_exit && regs_same_point(r, &t->exit_regs);
}

int rec_settle_point(struct rec_session *s, struct task *t,
		     struct user_regs_struct *r, struct err *e)
{
	/* Still at a syscall's exit (no user code ran since: the registers
	 * are those of the exit), the point is that syscall boundary, which
	 * the replay reaches exactly; stepping could restart the syscall. */
	if (rec_at_fresh_exit(t, r))
		return 0;
	/* Every signal blocked while stepping: one that comes meanwhile
	 * stays pending, with its own siginfo, and is delivered after;
	 * none can leave the point inside a rep instruction. */
	uint64_t mask;
	if (pt_hold_signals(t->tid, &mask, e) < 0)
		return -1;
	int rc = settle_steps(s, t, r, e);
	if (rc == 0)
		return pt_set_sigmask(t->tid, mask, e);
	ptrace(PTRACE_SETSIGMASK, t->tid, sizeof mask, &mask);
	return rc;
}

/* Buffers the kernel may be filling while their threads sleep in a
 * syscall: a window after every pointer argument of the blocked syscalls
 * of t's process. */
#define BUSY_WINDOW (64u << 10)
#define BUSY_MAX 64
static int busy_ranges(struct rec_session *s, const struct task *t,
		       struct mem_range_u64 *busy)
{
	int n = 0;
	for (size_t i = 0; i < s->tasks.n && n < BUSY_MAX; i++) {
		const struct task *o = &s->tasks.v[i];
		const struct sys_desc *d = sys_lookup(o->nr);
		if (o == t || o->tgid != t->tgid || o->state != T_IN_SYSCALL || !d)
			continue;
		uint64_t args[6];
		regs_args(&o->entry_regs, args);
		for (int a = 0; a < d->nargs && n < BUSY_MAX; a++)
			if (d->arg[a] == ARG_PTR && args[a])
				busy[n++] = (struct mem_range_u64){args[a] & ~4095ull, BUSY_WINDOW};
	}
	return n;
}

void rec_point_state(struct rec_session *s, struct task *t,
		     const struct user_regs_struct *r, struct point_state *out)
{
	/* Also at what looks like a syscall's exit: the registers there can
	 * be those of a later pass through the same code, after user code
	 * ran (a loop that memcpy()s the same buffers, after a sigreturn
	 * to it). */
	struct mem_range_u64 busy[BUSY_MAX + 1];
	int n = busy_ranges(s, t, busy);
	rec_yield_busy(s, t, &busy[n].addr, &busy[n].len); /* its counter differs at replay */
	if (busy[n].len)
		n++;
	point_state_capture(t->tid, r, busy, n, out);
}

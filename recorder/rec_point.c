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

#define SETTLE_MAX_STEPS 16

/* One instruction forward; a rep string instruction runs to its end.
 * Returns 0, 1 if another stop came instead (*status says which), -1. */
static int step_over(struct task *t, const struct insn_info *ii,
		     uint64_t rip, int *status_out, struct err *e)
{
	int status = 0;
	if (ii->rep_string) {
		if (pt_set_hwbp(t->tid, rip + (uint64_t)ii->len, e) < 0 ||
		    pt_cont(t->tid, 0, e) < 0)
			return -1;
	} else if (ptrace(PTRACE_SINGLESTEP, t->tid, 0, 0) < 0) {
		return err_sys(e, "PTRACE_SINGLESTEP on thread %d", t->vtid);
	}
	int rc = pt_wait(t->tid, &status, e);
	if (rc == 0 && stop_classify(status) == STOP_EVENT &&
	    stop_event(status) == PTRACE_EVENT_STOP && !ii->rep_string) {
		/* a stale interrupt trap fired before the step: step again */
		if (ptrace(PTRACE_SINGLESTEP, t->tid, 0, 0) < 0)
			return err_sys(e, "PTRACE_SINGLESTEP on thread %d", t->vtid);
		rc = pt_wait(t->tid, &status, e);
	}
	if (ii->rep_string)
		pt_set_hwbp(t->tid, 0, e);
	if (rc < 0)
		return -1;
	*status_out = status;
	if (stop_classify(status) != STOP_SIGNAL || WSTOPSIG(status) != SIGTRAP)
		return 1; /* something else happened: keep the earlier point */
	pt_clear_dr6(t->tid);
	return 0;
}

int rec_settle_point(struct rec_session *s, struct task *t,
		     struct user_regs_struct *r, struct err *e)
{
	/* Still at a syscall's exit (no user code ran since: the registers
	 * are those of the exit), the point is that syscall boundary, which
	 * the replay reaches exactly; stepping could restart the syscall. */
	if (t->fresh_exit && regs_same_point(r, &t->exit_regs))
		return 0;
	for (int i = 0; i < SETTLE_MAX_STEPS; i++) {
		struct insn_info ii;
		point_insn_info(t->tid, r->rip, &ii);
		if (!ii.ok || ii.traps || (ii.reads_mem && !ii.rep_string))
			break;
		int status = 0, rc = step_over(t, &ii, r->rip, &status, e);
		if (rc < 0)
			return -1;
		if (rc > 0 && stop_classify(status) == STOP_SIGNAL) {
			/* Another signal arrived: the point stays here, and
			 * that signal is queued again to come after. (It then
			 * carries SI_TKILL information, a documented limit.) */
			syscall(SYS_tgkill, t->tgid, t->tid, WSTOPSIG(status));
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

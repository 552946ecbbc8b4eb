/* A thread's run of user code under a debugger: the same as rp_step, but
 * the debugger (struct rp_debug) is asked before every resume and told of
 * every stop, so that it can stop the run at its breakpoints, watchpoints
 * and single steps, talk to gdb, and let the run go on. Only the replay's
 * own stop (a syscall entry, a signal) ends the run. */
#define _GNU_SOURCE
#include "replay.h"

#include <sys/ptrace.h>

#include "core/ptrace_util.h"

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
		int step = d->before_run(d->ctx, s, t, first, e);
		if (step < 0)
			return -1;
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

/* Ending a recording early: SIGINT or SIGTERM reached the recorder (a hung
 * program, a test's timeout). Some threads are then running user code, or
 * are inside syscalls the kernel may already have finished (a write whose
 * bytes are out), so the recorder first brings every thread to a stop and
 * records the syscalls that completed; only then does it save where each
 * thread is (EV_THREAD_STATE) and end the trace. */
#define _GNU_SOURCE
#include "record.h"

#include <errno.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "core/ptrace_util.h"

/* How long the drain waits for threads to stop, in ticker ticks: a thread
 * in an uninterruptible wait (a vfork parent) never does. */
#define DRAIN_TICKS 200

static int running(const struct task *t)
{
	return t->state == T_RUNNING || t->state == T_IN_SYSCALL;
}

/* One stop of a thread being drained: recorded as far as the trace needs,
 * and the thread left stopped there. */
static void drain_stop(struct rec_session *s, struct task *t, int status)
{
	struct err e;
	struct user_regs_struct r;
	switch (stop_classify(status)) {
	case STOP_EXITED:
		rec_on_reaped(s, t->tid, status);
		return;
	case STOP_SYSCALL:
		if (pt_getregs(t->tid, &r, &e) < 0)
			break;
		if (rec_syscall_stop_is_entry(t, &r, &e) == 1) {
			t->entry_regs = r; /* it has not run: its entry is the state */
			t->at_entry = 1;
			break;
		}
		if (rec_on_syscall_exit(s, t, &r, &e) < 0)
			fprintf(stderr, "heisen record: while stopping: %s\n", e.msg);
		return; /* after_exit left it stopped, T_READY */
	default:
		break; /* an event, a signal or our interrupt: it stays there */
	}
	t->state = T_READY;
	rec_release_cpu(s, t);
}

void rec_drain(struct rec_session *s)
{
	s->ending = 1;
	struct err e;
	if (rec_record_woken(s, &e) < 0)
		fprintf(stderr, "heisen record: while stopping: %s\n", e.msg);
	size_t left = 0;
	for (size_t i = 0; i < s->tasks.n; i++)
		if (running(&s->tasks.v[i]) &&
		    ptrace(PTRACE_INTERRUPT, s->tasks.v[i].tid, 0, 0) == 0)
			left++;
	uint64_t until = rec_ticks_now() + DRAIN_TICKS;
	while (left && rec_ticks_now() < until) {
		int status;
		pid_t tid = waitpid(-1, &status, __WALL);
		if (tid < 0 && errno == EINTR)
			continue;
		if (tid < 0)
			break;
		struct task *t = task_find(&s->tasks, tid);
		if (!t || !running(t))
			continue; /* already stopped: keep it there */
		drain_stop(s, t, status);
		left--;
	}
}

/* Record the thread states and end the trace after SIGINT/SIGTERM. */
void rec_end_by_signal(struct rec_session *s, int sig)
{
	char msg[64];
	snprintf(msg, sizeof msg, "recording stopped by %s", sig == SIGINT ? "SIGINT" : "SIGTERM");
	rec_end_stopped(s, END_SIGNAL, 128 + sig, msg);
}

void rec_end_stopped(struct rec_session *s, int reason, int status, const char *msg)
{
	/* A thread asleep in a syscall whose entry is not out yet (no other
	 * thread ran since): out now, so that the replay puts it there. */
	for (size_t i = 0; i < s->tasks.n; i++) {
		struct task *t = &s->tasks.v[i];
		if (t->state == T_IN_SYSCALL && !t->entry_logged && !t->copy_waits)
			rec_log_entry(s, t);
	}
	for (size_t i = 0; i < s->tasks.n; i++) {
		struct task *t = &s->tasks.v[i];
		struct event ev = {.type = EV_THREAD_STATE};
		if (t->state == T_IN_SYSCALL || t->at_entry)
			ev.point.regs = t->entry_regs;
		else if (t->state == T_READY) {
			struct err ignored;
			if (pt_getregs(t->tid, &ev.point.regs, &ignored) < 0)
				continue;
		} else
			continue;
		rec_put(s, &ev, t);
	}
	struct event end = {.type = EV_END};
	end.end.reason = (uint8_t)reason;
	end.end.out = &s->out;
	end.end.status = status;
	snprintf(end.end.msg, sizeof end.end.msg, "%s", msg);
	trace_put(&s->tw, &end);
}

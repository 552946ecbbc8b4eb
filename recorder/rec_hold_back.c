/* Timer signals held back so that the program makes progress.
 *
 * Recording a signal costs the recorder about a millisecond (settling the
 * point, digesting memory, capturing the frame). A timer whose period is
 * shorter (a 1 ms ITIMER_REAL, a POSIX timer every 100 us) then has its
 * next signal pending every time the previous handler returns, and the
 * kernel delivers it before the thread runs one instruction of its own:
 * the program would only ever run handlers, for good. Natively it runs
 * between them.
 *
 * So a timer's signal that comes at the very return of the previous
 * handler (the thread stands at its rt_sigreturn's exit) is held back:
 * the recorder blocks it and passes it on, which makes the kernel queue
 * it again with its siginfo, and gives the thread's own mask back at its
 * next stop: a syscall, another signal, or an interrupt the recorder sends
 * once the thread has run user code for a millisecond or two. The signal is then delivered, and
 * recorded, there. An asynchronous signal may come later than it could
 * have; a timer's signal is as late as a busy machine would make it.
 * Signals the program sends itself are never held back: one raised while
 * its handler runs is due at the handler's return, as natively.
 *
 * Not at the entry of a fork, vfork or clone, though: the kernel gives up
 * making a child when a signal is pending (ERESTARTNOINTR, and the call is
 * made again after the handler), so a vfork restarted after each handler
 * would never succeed. The mask comes back at the creation event instead,
 * in the parent and in the child, which inherited the held mask. */
#define _GNU_SOURCE
#include "record.h"

#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>

#include "core/ptrace_util.h"
#include "core/syscalls.h"

#define HOLD_BACK_US 1000 /* at least: up to a tick more */

static int from_timer(int sig, const siginfo_t *si)
{
	if (si->si_code == SI_TIMER) /* a POSIX timer's */
		return 1;
	/* setitimer's and alarm's */
	return si->si_code == SI_KERNEL &&
	       (sig == SIGALRM || sig == SIGVTALRM || sig == SIGPROF);
}

int rec_hold_back_timer(struct rec_session *s, struct task *t, int sig,
			const siginfo_t *si, const struct user_regs_struct *r,
			struct err *e)
{
	if (!from_timer(sig, si) || t->nr != SYS_rt_sigreturn || !rec_at_fresh_exit(t, r))
		return 0;
	uint64_t mask;
	if (ptrace(PTRACE_GETSIGMASK, t->tid, sizeof mask, &mask) < 0)
		return err_sys(e, "PTRACE_GETSIGMASK on thread %d", t->vtid);
	uint64_t held = mask | 1ull << (sig - 1);
	if (ptrace(PTRACE_SETSIGMASK, t->tid, sizeof held, &held) < 0)
		return err_sys(e, "PTRACE_SETSIGMASK on thread %d", t->vtid);
	t->sig_held_back = 1;
	t->held_back_mask = mask;
	t->held_back_tick = rec_ticks_now();
	s->stats.signals_held_back++;
	/* blocked now: the kernel queues it again instead of delivering it */
	if (pt_syscall(t->tid, sig, e) < 0)
		return -1;
	return 1;
}

int rec_give_back_mask(struct task *t, struct err *e)
{
	if (!t->sig_held_back)
		return 0;
	t->sig_held_back = 0;
	if (ptrace(PTRACE_SETSIGMASK, t->tid, sizeof t->held_back_mask,
		   &t->held_back_mask) < 0)
		return err_sys(e, "PTRACE_SETSIGMASK on thread %d", t->vtid);
	return 0;
}

int rec_give_back_mask_at_syscall(struct task *t, int entry, long nr, struct err *e)
{
	return entry && sys_makes_process(nr) ? 0 : rec_give_back_mask(t, e);
}

int rec_hold_back_child(struct task *parent, struct task *child, struct err *e)
{
	if (!parent->sig_held_back)
		return 0;
	child->sig_held_back = 1;
	child->held_back_mask = parent->held_back_mask;
	child->held_back_tick = parent->held_back_tick;
	/* stopped, waiting for the CPU, if its first stop came before this
	 * event; else at its next stop */
	if (child->state == T_READY && rec_give_back_mask(child, e) < 0)
		return -1;
	return rec_give_back_mask(parent, e);
}

void rec_hold_back_tick(const struct rec_session *s, struct task *t)
{
	uint64_t ticks = 1 + HOLD_BACK_US / rec_tick_us(s);
	if (!t->sig_held_back || t->interrupt_pending || t->in_syscall ||
	    rec_ticks_now() - t->held_back_tick < ticks)
		return;
	if (ptrace(PTRACE_INTERRUPT, t->tid, 0, 0) == 0) {
		t->interrupt_pending = 1;
		t->held_back_interrupt = 1;
	}
}

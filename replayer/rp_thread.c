/* Bringing one thread to its next recorded event: running it to a stop,
 * to a preemption point, and delivering what the recording delivered. */
#define _GNU_SOURCE
#include "replay.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <elf.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/ptrace_util.h"
#include "core/regs.h"
#include "patching/cpuid.h"
#include "replayer/fastpoint.h"
#include "patching/inject.h"

const char *rp_stop_str(int status, char *buf, size_t len)
{
	if (stop_classify(status) == STOP_SYSCALL) {
		snprintf(buf, len, "a syscall stop");
		return buf;
	}
	return inject_status_str(status, buf, len);
}

/* The kernel restarts an interrupted syscall (ERESTART* result) on its way
 * back to user mode only when a signal is pending. At replay none is, so
 * do what it did: back to the syscall instruction, with the number. */
static int apply_restart(struct task *t, struct err *e)
{
	struct user_regs_struct r;
	if (pt_getregs(t->tid, &r, e) < 0)
		return -1;
	r.rax = (long)r.rax == -516 /* ERESTART_RESTARTBLOCK */ ?
		SYS_restart_syscall : r.orig_rax;
	r.rip -= 2;
	t->restart_pending = 0;
	return pt_setregs(t->tid, &r, e);
}

/* Signals that an instruction raises: at replay they come again, from the
 * same instruction, and are the trace's business. */
static int raised_by_instruction(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE ||
	       sig == SIGTRAP;
}

/* At replay the kernel still sends a child's exit signal (SIGCHLD, or
 * whatever its clone asked for) when the child really exits; every other
 * source of signals is emulated (kill, timers, pipes). The recorded
 * signals are injected at their recorded points instead, so a real one is
 * noise to discard. So is a group stop (a stop signal the replay delivered
 * for real, as recorded) or the kernel's notice that one ended: when the
 * thread runs again is the trace's to say. (The replay never interrupts a
 * thread itself outside fastpoint, which keeps its own stops.) */
int rp_is_noise(int status, int injecting)
{
	if (stop_classify(status) == STOP_EVENT)
		return stop_event(status) == PTRACE_EVENT_STOP;
	return stop_classify(status) == STOP_SIGNAL &&
	       !raised_by_instruction(WSTOPSIG(status)) && WSTOPSIG(status) != injecting;
}

/* Resume t with a ptrace request (and sig, the first time) and wait for
 * its next stop that is not noise (rp_is_noise), resuming it the same way,
 * without a signal, past those. */
static int resume_past_noise(struct task *t, enum __ptrace_request req, int sig, struct err *e)
{
	for (int n = 0; n < 64; n++) {
		if (ptrace(req, t->tid, 0, (void *)(long)(n ? 0 : sig)) < 0)
			return err_sys(e, "resuming thread %d", t->vtid);
		if (pt_wait(t->tid, &t->last_status, e) < 0)
			return -1;
		if (!rp_is_noise(t->last_status, 0))
			return 0;
	}
	return 0;
}

/* After unblock_if_recorded's delivery: at t's first stop that is not a
 * signal-delivery stop, the kernel is done with the signal. */
static int give_mask_back(struct task *t, struct err *e)
{
	if (!t->mask_after_delivery || stop_classify(t->last_status) == STOP_SIGNAL ||
	    stop_classify(t->last_status) == STOP_EXITED)
		return 0;
	t->mask_after_delivery = 0;
	if (ptrace(PTRACE_SETSIGMASK, t->tid, sizeof t->outer_mask, &t->outer_mask) < 0)
		return err_sys(e, "PTRACE_SETSIGMASK on thread %d", t->vtid);
	return 0;
}

int rp_step(struct rp_session *s, struct task *t, struct err *e)
{
	int sig = t->pending_sig;
	t->pending_sig = 0;
	if (t->restart_pending) {
		if (sig)
			t->restart_pending = 0; /* the kernel restarts it */
		else if (apply_restart(t, e) < 0)
			return -1;
	}
	/* From a signal-delivery-stop, sig is delivered at once; from any
	 * other stop it is queued, and its delivery stop comes next. */
	int queued = sig && stop_classify(t->last_status) != STOP_SIGNAL;
	if (s->opt->debug && !t->executing)
		return rp_debug_step(s, t, sig, queued, e) < 0 ? -1 : give_mask_back(t, e);
	/* Syscalls stop at their entry and are skipped by the kernel
	 * (PTRACE_SYSEMU): one stop per emulated syscall. A syscall that must
	 * really run is rewound and re-entered (rp_make_real). */
	int (*resume)(pid_t, int, struct err *) = t->executing ? pt_syscall : pt_sysemu;
	if (resume(t->tid, sig, e) < 0 || pt_wait(t->tid, &t->last_status, e) < 0)
		return -1;
	for (int n = 0; rp_is_noise(t->last_status, queued ? sig : 0) && n < 64; n++)
		if (resume(t->tid, 0, e) < 0 || pt_wait(t->tid, &t->last_status, e) < 0)
			return -1;
	t->at_entry = 0;
	t->emu_entry = 0;
	if (stop_classify(t->last_status) == STOP_SYSCALL) {
		if (t->executing)
			t->executing = 0; /* the exit of the syscall it ran */
		else
			t->emu_entry = 1;
	}
	return give_mask_back(t, e);
}

/* Before resuming with anything but PTRACE_SYSEMU: from a sysemu entry
 * stop the skipped syscall would first report an exit stop. Take it now;
 * the registers stay those the emulation left. */
static int leave_emu(struct rp_session *s, struct task *t, struct err *e)
{
	char what[64];
	if (!t->emu_entry)
		return 0;
	t->emu_entry = 0;
	if (resume_past_noise(t, PTRACE_SYSCALL, 0, e) < 0)
		return -1;
	if (stop_classify(t->last_status) != STOP_SYSCALL)
		return rp_diverge(s, t, e, "leaving an emulated syscall: got %s",
				  rp_stop_str(t->last_status, what, sizeof what));
	return 0;
}

int rp_make_real(struct rp_session *s, struct task *t, struct err *e)
{
	char what[64];
	if (!t->emu_entry) {
		t->executing = 1;
		return 0;
	}
	struct user_regs_struct r = t->entry_regs;
	r.rip -= 2;
	r.rax = r.orig_rax;
	if (pt_setregs(t->tid, &r, e) < 0)
		return -1;
	/* Resumed under PTRACE_SYSCALL, the skipped syscall first reports its
	 * exit; then the thread executes the syscall instruction again. */
	for (int stops = 0;; stops++) {
		if (resume_past_noise(t, PTRACE_SYSCALL, 0, e) < 0)
			return -1;
		if (stop_classify(t->last_status) != STOP_SYSCALL || stops == 2)
			return rp_diverge(s, t, e, "re-entering a syscall to run it: got %s",
					  rp_stop_str(t->last_status, what, sizeof what));
		int entry = pt_syscall_is_entry(t->tid, e);
		if (entry < 0)
			return -1;
		if (entry)
			break;
	}
	t->emu_entry = 0;
	t->executing = 1;
	return 0;
}

/* Run t to the recorded point: fastpoint compares the registers and then
 * the memory the instruction reads. The memory is checked once more here;
 * should it differ all the same (it cannot unless something other than the
 * thread wrote it meanwhile), that is taken as an earlier pass through the
 * same loop: step past it and search again. */
static int find_point(struct rp_session *s, struct task *t,
		      const struct user_regs_struct *want,
		      const struct point_mem *mem, enum fp_result *res,
		      int *status, struct fastpoint_stats *st, struct err *e)
{
	if (!s->opt->debug)
		return fastpoint_run(t->tid, rp_mem(s, t), want, mem, s->patch.gadget,
				     FASTPOINT_HW_HITS, res, status, st, e);
	int reached = 0;
	*status = 0;
	if (rp_debug_find_point(s, t, want, mem, &reached, status, st, e) < 0)
		return -1;
	*res = reached ? FP_REACHED : FP_OTHER_STOP;
	return 0;
}

static int in_signal_stop(const struct task *t)
{
	return stop_classify(t->last_status) == STOP_SIGNAL;
}

/* A signal the replay is delivering (deliver_async) waits in the thread's
 * signal-delivery stop, and fastpoint resumes with no signal, which would
 * discard it: a point in its handler (a preemption at the handler's first
 * instructions) would never come. Deliver it first, by a step: the kernel
 * builds the frame and stops the thread at the handler's first
 * instruction (or after one instruction where no handler runs). The step
 * stops at a syscall's entry rather than run it. */
static int deliver_pending(struct rp_session *s, struct task *t, struct err *e)
{
	char what[64];
	int sig = t->pending_sig;
	if (!sig || !in_signal_stop(t))
		return 0;
	t->pending_sig = 0;
	t->restart_pending = 0; /* the kernel restarts it, as in rp_step */
	if (resume_past_noise(t, PTRACE_SYSEMU_SINGLESTEP, sig, e) < 0)
		return -1;
	if (stop_classify(t->last_status) == STOP_SIGNAL && WSTOPSIG(t->last_status) == SIGTRAP)
		return give_mask_back(t, e);
	return rp_diverge(s, t, e, "delivering signal %d on the way to the recorded point: got %s",
			  sig, rp_stop_str(t->last_status, what, sizeof what));
}

static int reach_point(struct rp_session *s, struct task *t,
		       const struct user_regs_struct *want,
		       const struct point_mem *mem, const struct point_state *state,
		       struct err *e)
{
	if (deliver_pending(s, t, e) < 0 || leave_emu(s, t, e) < 0 ||
	    (t->restart_pending && apply_restart(t, e) < 0))
		return -1;
	for (;;) {
		enum fp_result res;
		int status;
		struct fastpoint_stats st;
		if (find_point(s, t, want, mem, &res, &status, &st, e) < 0)
			return err_wrap(e, "event %llu, thread %d",
					(unsigned long long)s->ev.index, t->vtid);
		s->stats.point_hw_hits += st.hw_hits;
		s->stats.point_traps += st.tramp_traps;
		s->stats.points_trampoline += (uint64_t)st.used_trampoline;
		s->stats.point_ns += st.ns;
		if (res != FP_REACHED && rp_is_noise(status, 0)) {
			t->last_status = status;
			continue; /* resumed without it by the next search */
		}
		if (res != FP_REACHED) {
			char what[64];
			t->last_status = status;
			return rp_diverge(s, t, e, "ran past the recorded point (rip 0x%llx) "
					  "into %s", (unsigned long long)want->rip,
					  rp_stop_str(status, what, sizeof what));
		}
		if (status) /* it ran, and is now in a SIGTRAP stop */
			t->last_status = status;
		if (point_mem_matches(t->tid, mem) && point_state_matches(t->tid, state))
			break;
		s->stats.point_mem_retries++;
		if (resume_past_noise(t, PTRACE_SINGLESTEP, 0, e) < 0)
			return -1;
		if (stop_classify(t->last_status) != STOP_SIGNAL ||
		    WSTOPSIG(t->last_status) != SIGTRAP) {
			char what[64];
			return rp_diverge(s, t, e, "stepping toward the recorded point: %s",
					  rp_stop_str(t->last_status, what, sizeof what));
		}
	}
	s->stats.points++;
	return 0;
}

/* Is t already at the point? It can be without running: the point is a
 * syscall's exit, and for an interrupted syscall (ERESTART* result) that
 * is before the restart, which reach_point would apply first. */
static int at_point(struct task *t, const struct user_regs_struct *want,
		    const struct point_mem *mem, const struct point_state *state,
		    struct err *e)
{
	struct user_regs_struct r;
	if (pt_getregs(t->tid, &r, e) < 0)
		return -1;
	return regs_same_point(&r, want) && point_mem_matches(t->tid, mem) &&
	       point_state_matches(t->tid, state);
}

int rp_preempt(struct rp_session *s, struct task *t, struct err *e)
{
	if (t->yield_armed)
		return rp_yield_preempt(s, t, e);
	int here = at_point(t, &s->ev.point.regs, &s->ev.point.mem, &s->ev.point.state, e);
	if (here < 0)
		return -1;
	if (here) {
		s->stats.points++;
		return 0;
	}
	return reach_point(s, t, &s->ev.point.regs, &s->ev.point.mem, &s->ev.point.state, e);
}

/* A signal delivered for real must not be blocked in the replay's kernel
 * where it was not when recorded: a pselect6, ppoll, epoll_pwait or
 * sigsuspend that swapped a mask in at record is emulated at replay. Then
 * the recorded mask is put in place for the delivery, and the thread's own
 * mask given back after it (the kernel restores it so at record, when no
 * handler runs). It cannot be given back at the delivery stop itself: the
 * kernel queues a signal that is blocked there again. */
static void unblock_if_recorded(struct rp_session *s, struct task *t, int sig)
{
	uint64_t now, bit = 1ull << (sig - 1);
	if (ptrace(PTRACE_GETSIGMASK, t->tid, sizeof now, &now) < 0 || !(now & bit) ||
	    (s->ev.sig.mask & bit) ||
	    ptrace(PTRACE_SETSIGMASK, t->tid, sizeof s->ev.sig.mask, &s->ev.sig.mask) < 0)
		return;
	if (!t->mask_after_delivery) { /* (a second one keeps the first's) */
		t->mask_after_delivery = 1;
		t->outer_mask = now;
	}
}

/* Deliver the recorded signal as the kernel did when recording, without
 * asking the replay's kernel (whose mask or restart state may differ):
 * the recorded frame on the stack, the handler's registers, its FPU state
 * (the kernel's fresh one, not what the interrupted code had), its mask. */
static int enter_handler(struct rp_session *s, struct task *t, struct err *e)
{
	const struct sig_frame *f = &s->ev.sig.frame;
	uint64_t mask = f->mask;
	if (tracee_write(rp_mem(s, t), f->addr, f->bytes, f->len, e) < 0)
		return err_wrap(e, "event %llu: writing the signal frame",
				(unsigned long long)s->ev.index);
	struct iovec fpu = {(void *)f->fpu, f->fpu_len};
	if (pt_setregs(t->tid, &f->regs, e) < 0)
		return -1;
	if (ptrace(PTRACE_SETREGSET, t->tid, NT_X86_XSTATE, &fpu) < 0)
		return err_sys(e, "setting thread %d's FPU state for its handler", t->vtid);
	if (ptrace(PTRACE_SETSIGMASK, t->tid, sizeof mask, &mask) < 0)
		return err_sys(e, "PTRACE_SETSIGMASK on thread %d", t->vtid);
	t->pending_sig = 0;     /* a real one, where the thread stands, goes */
	t->mask_after_delivery = 0; /* the handler's mask is the recorded one */
	t->restart_pending = 0; /* the frame holds the restart, if any */
	return 0;
}

/* Deliver the recorded asynchronous signal, with its recorded siginfo, at
 * the thread's current position. From a syscall or event stop the signal is
 * first queued so the thread enters a signal-delivery-stop, the one stop at
 * which the siginfo and signal to deliver can be chosen. */
static int deliver_async(struct rp_session *s, struct task *t, int sig,
			 struct err *e)
{
	unblock_if_recorded(s, t, sig);
	if (!in_signal_stop(t)) {
		t->pending_sig = sig;
		if (rp_step(s, t, e) < 0)
			return -1;
		if (stop_classify(t->last_status) != STOP_SIGNAL ||
		    WSTOPSIG(t->last_status) != sig) {
			char what[64];
			return rp_diverge(s, t, e, "expected the delivery of signal %d, got %s",
					  sig, rp_stop_str(t->last_status, what, sizeof what));
		}
	}
	if (ptrace(PTRACE_SETSIGINFO, t->tid, 0, s->ev.sig.info) < 0)
		return err_sys(e, "PTRACE_SETSIGINFO on thread %d", t->vtid);
	t->pending_sig = sig;
	return 0;
}

static int expect_signal_at(struct rp_session *s, struct task *t, int sig,
			    uint64_t rip, struct err *e)
{
	char what[64];
	if (rp_step(s, t, e) < 0)
		return -1;
	if (stop_classify(t->last_status) != STOP_SIGNAL ||
	    WSTOPSIG(t->last_status) != sig)
		return rp_diverge(s, t, e, "expected signal %d at 0x%llx, got %s", sig,
				  (unsigned long long)rip,
				  rp_stop_str(t->last_status, what, sizeof what));
	struct user_regs_struct r;
	if (pt_getregs(t->tid, &r, e) < 0)
		return -1;
	if (r.rip != rip)
		return rp_diverge(s, t, e, "signal %d came at 0x%llx, recorded at 0x%llx",
				  sig, (unsigned long long)r.rip, (unsigned long long)rip);
	return 0;
}

static int tell_debugger(struct rp_session *s, struct task *t, int sig,
			 struct err *e)
{
	const struct rp_debug *d = s->opt->debug;
	if (!d || !d->at_signal)
		return 0;
	return d->at_signal(d->ctx, s, t, sig, e);
}

int rp_signal(struct rp_session *s, struct task *t, struct err *e)
{
	siginfo_t si;
	memcpy(&si, s->ev.sig.info, sizeof si);
	int sig = si.si_signo;
	s->stats.signals++;
	if (s->ev.sig.kind == SIGK_SYNC) {
		/* the instruction faults again: the thread is in its
		 * signal-delivery stop */
		if (expect_signal_at(s, t, sig, s->ev.sig.regs.rip, e) < 0 ||
		    tell_debugger(s, t, sig, e) < 0)
			return -1;
		if (s->ev.sig.has_frame)
			return enter_handler(s, t, e);
		unblock_if_recorded(s, t, sig);
		t->pending_sig = sig;
		return 0;
	}
	int here = at_point(t, &s->ev.sig.regs, &s->ev.sig.mem, &s->ev.sig.state, e);
	if (here < 0 || (!here && reach_point(s, t, &s->ev.sig.regs, &s->ev.sig.mem,
						 &s->ev.sig.state, e) < 0))
		return -1;
	if (s->ev.sig.has_frame)
		return tell_debugger(s, t, sig, e) < 0 ? -1 : enter_handler(s, t, e);
	if (deliver_async(s, t, sig, e) < 0)
		return -1;
	return tell_debugger(s, t, sig, e);
}

int rp_rdtsc(struct rp_session *s, struct task *t, struct err *e)
{
	struct user_regs_struct r;
	if (expect_signal_at(s, t, SIGSEGV, s->ev.tsc.rip, e) < 0 ||
	    pt_getregs(t->tid, &r, e) < 0)
		return -1;
	r.rax = s->ev.tsc.tsc & 0xffffffffu;
	r.rdx = s->ev.tsc.tsc >> 32;
	if (s->ev.tsc.rdtscp)
		r.rcx = s->ev.tsc.aux;
	r.rip += s->ev.tsc.rdtscp ? 3 : 2;
	return pt_setregs(t->tid, &r, e);
}

int rp_cpuid(struct rp_session *s, struct task *t, struct err *e)
{
	struct user_regs_struct r;
	int sig = s->patch.cpuid_faulting ? SIGSEGV : SIGILL;
	if (expect_signal_at(s, t, sig, s->ev.cpuid.rip, e) < 0 ||
	    pt_getregs(t->tid, &r, e) < 0)
		return -1;
	if ((uint32_t)r.rax != s->ev.cpuid.in[0] || (uint32_t)r.rcx != s->ev.cpuid.in[1])
		return rp_diverge(s, t, e, "cpuid leaf %#x/%#x, recorded %#x/%#x",
				  (unsigned)r.rax, (unsigned)r.rcx,
				  s->ev.cpuid.in[0], s->ev.cpuid.in[1]);
	r.rax = s->ev.cpuid.out[0];
	r.rbx = s->ev.cpuid.out[1];
	r.rcx = s->ev.cpuid.out[2];
	r.rdx = s->ev.cpuid.out[3];
	r.rip += 2;
	return pt_setregs(t->tid, &r, e);
}

static int at_exit_event(const struct task *t)
{
	return stop_classify(t->last_status) == STOP_EVENT &&
	       stop_event(t->last_status) == PTRACE_EVENT_EXIT;
}

/* A group leader whose threads live on stays a zombie until the last of
 * them is gone: it is not waited for now, and stays in the table (its
 * process's memory is reached through it) until then. */
static int leader_outlived(const struct rp_session *s, const struct task *t)
{
	return t->tid == t->tgid && !s->ev.exit.last;
}

/* The program's exit status is its first process's, as the kernel gives
 * it when that process's leader is reaped: the end record must say the
 * same (rp_loop.c). */
static void note_reaped(struct rp_session *s, pid_t tid, int status)
{
	if (tid != s->leader)
		return;
	s->leader_reaped = 1;
	s->leader_status = status;
}

/* Wait until a thread that the kernel is tearing down is gone, so that its
 * exit's effects (the cleared tid word and its futex wake) are done before
 * the next event. */
static int reap(struct rp_session *s, struct task *t, struct err *e)
{
	int status;
	if (pt_wait(t->tid, &status, e) < 0)
		return -1;
	if (stop_classify(status) != STOP_EXITED)
		return rp_diverge(s, t, e, "thread did not die after its exit event");
	note_reaped(s, t->tid, status);
	return 0;
}

/* The kernel skips the exit stop of a thread that still has a SIGKILL
 * pending, which depends on when the kill woke it: whether the recording
 * saw that stop says nothing about the replay. The thread is then already
 * reaped, with the recorded status. */
static int killed_without_exit_stop(const struct rp_session *s,
				    const struct task *t)
{
	int st = t->last_status;
	return stop_classify(st) == STOP_EXITED && WIFSIGNALED(st) &&
	       WIFSIGNALED(s->ev.exit.status) &&
	       WTERMSIG(st) == WTERMSIG(s->ev.exit.status);
}

static int forget_killed(struct rp_session *s, struct task *t)
{
	task_remove(&s->tasks, t->tid);
	return 0;
}

/* A thread that dies of a fatal signal delivered to another thread of its
 * process: at record that one started the group exit, and its own exit
 * may be recorded after this one's. Let it deliver the signal now, so
 * the kernel tears the group down as it did. */
static int start_group_exit(struct rp_session *s, struct task *t, struct err *e)
{
	for (size_t i = 0; i < s->tasks.n; i++) {
		struct task *o = &s->tasks.v[i];
		if (o == t || o->tgid != t->tgid || !o->pending_sig ||
		    o->pending_sig != WTERMSIG(s->ev.exit.status))
			continue;
		int sig = o->pending_sig;
		o->pending_sig = 0;
		if (leave_emu(s, o, e) < 0)
			return -1;
		if (ptrace(PTRACE_SYSCALL, o->tid, 0, (void *)(long)sig) < 0)
			continue;
		if (pt_wait(o->tid, &o->last_status, e) < 0)
			return -1;
		return 0;
	}
	return 0;
}

/* Bring a thread that the trace says exits now to its exit stop. It may
 * already be on its way: a group exit or a kill wakes every thread of the
 * process from whatever stop it was in, at a moment of the kernel's. Only
 * a thread still sitting in the stop we last saw needs resuming (with its
 * own fatal signal, if it has one); resuming one that reached its exit
 * stop meanwhile would lose that stop. */
static int run_to_death(struct rp_session *s, struct task *t, struct err *e)
{
	char state = proc_state(t->tid);
	if (state == 't') {
		int status;
		pid_t r = waitpid(t->tid, &status, __WALL | WNOHANG);
		if (r == t->tid) {
			t->last_status = status;
			return 0;
		}
		int sig = t->pending_sig;
		t->pending_sig = 0;
		if (leave_emu(s, t, e) < 0)
			return -1;
		if (at_exit_event(t) || stop_classify(t->last_status) == STOP_EXITED)
			return 0;
		if (ptrace(PTRACE_SYSCALL, t->tid, 0, (void *)(long)sig) < 0)
			return err_sys(e, "resuming thread %d to its exit", t->vtid);
	}
	t->emu_entry = 0;
	return pt_wait(t->tid, &t->last_status, e);
}

int rp_exit(struct rp_session *s, struct task *t, struct err *e)
{
	const struct rp_debug *d = s->opt->debug;
	if (d && d->at_process_exit && s->ev.exit.last)
		d->at_process_exit(d->ctx, s, t, s->ev.exit.status);
	if (t->exec_killed) { /* gone already, in a sibling's exec */
		int status = t->killed_status;
		task_remove(&s->tasks, t->tid);
		return status == s->ev.exit.status ? 0 :
		       rp_diverge(s, NULL, e, "exit status 0x%x, recorded 0x%x",
				  (unsigned)status, (unsigned)s->ev.exit.status);
	}
	if (!at_exit_event(t) && WIFSIGNALED(s->ev.exit.status) &&
	    WTERMSIG(s->ev.exit.status) != SIGKILL && start_group_exit(s, t, e) < 0)
		return -1;
	if (!at_exit_event(t) && WIFSIGNALED(s->ev.exit.status) &&
	    WTERMSIG(s->ev.exit.status) == SIGKILL) {
		/* SIGKILL never shows as a signal stop: the trace has only the
		 * death; the kill that caused it was emulated. Kill it here. */
		syscall(SYS_tgkill, t->tgid, t->tid, SIGKILL);
	}
	if (!at_exit_event(t) && stop_classify(t->last_status) != STOP_EXITED &&
	    run_to_death(s, t, e) < 0)
		return -1;
	if (killed_without_exit_stop(s, t))
		return forget_killed(s, t);
	if (!at_exit_event(t)) {
		char what[64];
		return rp_diverge(s, t, e, "expected the thread to exit, got %s",
				  rp_stop_str(t->last_status, what, sizeof what));
	}
	unsigned long status = pt_eventmsg(t->tid);
	if ((int)status != s->ev.exit.status)
		return rp_diverge(s, t, e, "exit status 0x%lx, recorded 0x%x", status,
				  (unsigned)s->ev.exit.status);
	if (pt_cont(t->tid, 0, e) < 0)
		return -1;
	if (leader_outlived(s, t)) {
		t->state = T_EXITING;
		return 0;
	}
	pid_t tgid = t->tgid;
	if (reap(s, t, e) < 0)
		return -1;
	task_remove(&s->tasks, t->tid);
	struct task *leader = s->ev.exit.last ? task_find(&s->tasks, tgid) : NULL;
	if (leader && leader->state == T_EXITING) {
		/* the last thread is gone: its leader's zombie can be had */
		int status;
		if (pt_wait(tgid, &status, e) < 0)
			return -1;
		note_reaped(s, tgid, status);
		task_remove(&s->tasks, tgid);
	}
	return 0;
}

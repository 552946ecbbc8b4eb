/* Signal-delivery stops at record time. Three are heisen's own traps and
 * never reach the program: rdtsc/rdtscp (made to fault by PR_SET_TSC, see core/tsc.h),
 * patched cpuid (ud2, SIGILL) and planned points (SIGTRAP). (A terminal's
 * Ctrl-C never reaches the program: it runs in a session of its own, see
 * core/launch.c; it ends the recording.) Every other signal is recorded
 * with where it was delivered, then delivered. */
#define _GNU_SOURCE
#include "record.h"

#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/ucontext.h>
#include <string.h>
#include <elf.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/ptrace.h>

#include "core/ptrace_util.h"
#include "core/tsc.h"
#include "patching/cpuid.h"

/* Length of the rdtsc (0f 31) or rdtscp (0f 01 f9) at rip, or 0. */
static int tsc_insn(pid_t tid, uint64_t rip, int *is_rdtscp)
{
	uint8_t b[3];
	struct err ignored;
	if (mem_read(tid, rip, b, sizeof b, &ignored) < 0)
		return 0;
	if (b[0] == 0x0f && b[1] == 0x31) {
		*is_rdtscp = 0;
		return 2;
	}
	if (b[0] == 0x0f && b[1] == 0x01 && b[2] == 0xf9) {
		*is_rdtscp = 1;
		return 3;
	}
	return 0;
}

static int emulate_rdtsc(struct rec_session *s, struct task *t,
			 struct user_regs_struct *r, int len, int is_rdtscp,
			 struct err *e)
{
	struct event ev = {.type = EV_RDTSC};
	unsigned aux = 0;
	ev.tsc.rip = r->rip;
	ev.tsc.rdtscp = (uint8_t)is_rdtscp;
	ev.tsc.tsc = tsc_read(is_rdtscp ? &aux : NULL);
	ev.tsc.aux = aux;
	r->rax = ev.tsc.tsc & 0xffffffffu;
	r->rdx = ev.tsc.tsc >> 32;
	if (is_rdtscp)
		r->rcx = aux;
	r->rip += (unsigned)len;
	rec_put(s, &ev, t);
	s->stats.rdtsc++;
	if (pt_setregs(t->tid, r, e) < 0)
		return -1;
	return pt_syscall(t->tid, 0, e);
}

static int emulate_cpuid(struct rec_session *s, struct task *t,
			 struct user_regs_struct *r, struct err *e)
{
	struct event ev = {.type = EV_CPUID};
	ev.cpuid.rip = r->rip;
	ev.cpuid.in[0] = (uint32_t)r->rax;
	ev.cpuid.in[1] = (uint32_t)r->rcx;
	cpuid_emulate(ev.cpuid.in[0], ev.cpuid.in[1], ev.cpuid.out);
	r->rax = ev.cpuid.out[0];
	r->rbx = ev.cpuid.out[1];
	r->rcx = ev.cpuid.out[2];
	r->rdx = ev.cpuid.out[3];
	r->rip += 2;
	rec_put(s, &ev, t);
	s->stats.cpuid++;
	if (pt_setregs(t->tid, r, e) < 0)
		return -1;
	return pt_syscall(t->tid, 0, e);
}

/* A fault raised by the instruction itself, which replay meets again. */
static int is_sync(int sig, const siginfo_t *si)
{
	return si->si_code > 0 && (sig == SIGSEGV || sig == SIGBUS ||
				   sig == SIGILL || sig == SIGFPE ||
				   sig == SIGTRAP);
}

static uint64_t sig_bit(int sig)
{
	return 1ull << (sig - 1);
}

/* Where the kernel put a handler's frame: from the stack pointer at the
 * handler's first instruction (the return address, then the ucontext and
 * the siginfo) to the end of the FPU state above them, which the
 * ucontext's fpregs pointer names and whose software-reserved bytes (at
 * the end of the 512-byte FXSAVE area) give the size of. */
#define UC_FPREGS_OFF (sizeof(void *) + offsetof(ucontext_t, uc_mcontext.fpregs))
#define FX_SW_BYTES_OFF 464
#define FXSAVE_SIZE 512
static int frame_extent(pid_t tid, uint64_t sp, uint64_t *len, struct err *e)
{
	uint64_t fpstate;
	struct _fpx_sw_bytes sw;
	if (mem_read(tid, sp + UC_FPREGS_OFF, &fpstate, sizeof fpstate, e) < 0)
		return -1;
	if (fpstate <= sp || fpstate - sp > SIG_FRAME_MAX)
		return err_set(e, "signal frame at 0x%llx has no FPU state after it",
			       (unsigned long long)sp);
	if (mem_read(tid, fpstate + FX_SW_BYTES_OFF, &sw, sizeof sw, e) < 0)
		return -1;
	uint64_t end = fpstate + (sw.magic1 == FP_XSTATE_MAGIC1 ? sw.extended_size : FXSAVE_SIZE);
	if (end - sp > SIG_FRAME_MAX)
		return err_set(e, "signal frame at 0x%llx is %llu bytes long",
			       (unsigned long long)sp, (unsigned long long)(end - sp));
	*len = end - sp;
	return 0;
}

/* The thread stands at its handler's first instruction: its registers,
 * the mask it runs with, the frame's bytes and the FPU state (in *bytes,
 * malloc'd, the frame then the FPU state). */
static int capture_frame(struct task *t, struct sig_frame *f, uint8_t **bytes,
			 struct err *e)
{
	uint64_t len = 0;
	if (pt_getregs(t->tid, &f->regs, e) < 0)
		return -1;
	if (ptrace(PTRACE_GETSIGMASK, t->tid, sizeof f->mask, &f->mask) < 0)
		return err_sys(e, "PTRACE_GETSIGMASK on thread %d", t->vtid);
	if (frame_extent(t->tid, f->regs.rsp, &len, e) < 0)
		return err_wrap(e, "thread %d", t->vtid);
	*bytes = malloc(len + SIG_FRAME_MAX);
	if (!*bytes)
		return err_set(e, "out of memory for a signal frame");
	if (mem_read(t->tid, f->regs.rsp, *bytes, len, e) < 0)
		return -1;
	struct iovec fpu = {*bytes + len, SIG_FRAME_MAX};
	if (ptrace(PTRACE_GETREGSET, t->tid, NT_X86_XSTATE, &fpu) < 0)
		return err_sys(e, "reading thread %d's FPU state", t->vtid);
	f->addr = f->regs.rsp;
	f->len = (uint32_t)len;
	f->bytes = *bytes;
	f->fpu = *bytes + len;
	f->fpu_len = (uint32_t)fpu.iov_len;
	return 0;
}

/* Deliver sig to t, which stands in a signal-delivery stop, and record it
 * (ev, with where it came). When the process has a handler for it, the
 * thread is single-stepped into the delivery: the kernel writes the frame,
 * switches the mask and stops the thread before the handler's first
 * instruction. The record keeps all of that, and the replay puts it in
 * place itself instead of asking its own kernel, whose state can differ:
 * the mask a pselect, ppoll or sigsuspend had swapped in (emulated at
 * replay), a syscall restart decided at that moment. */
static int deliver(struct rec_session *s, struct task *t, int sig,
		   struct event *ev, struct err *e)
{
	/* the mask the signal comes under (proc_signal_masks) */
	uint64_t caught;
	if (proc_signal_masks(t->tid, &ev->sig.mask, &caught) < 0)
		return err_set(e, "thread %d: cannot read its signal masks", t->vtid);
	if (ev->sig.kind == SIGK_SYNC)
		s->stats.sync_signals++;
	else
		s->stats.async_signals++;
	if (!(caught & sig_bit(sig))) {
		rec_put(s, ev, t); /* its default action, or ignored */
		return pt_syscall(t->tid, sig, e);
	}
	int status;
	if (ptrace(PTRACE_SINGLESTEP, t->tid, 0, (void *)(long)sig) < 0)
		return err_sys(e, "PTRACE_SINGLESTEP on thread %d", t->vtid);
	if (pt_wait(t->tid, &status, e) < 0)
		return -1;
	if (stop_classify(status) != STOP_SIGNAL || WSTOPSIG(status) != SIGTRAP) {
		/* no frame: the kernel could not write it (a bad stack, and
		 * it raised SIGSEGV), or the thread died */
		rec_put(s, ev, t);
		return rec_handle_stop(s, t->tid, status, e);
	}
	uint8_t *bytes = NULL;
	int rc = capture_frame(t, &ev->sig.frame, &bytes, e);
	/* SA_RESETHAND: the kernel put SIG_DFL back as it delivered. A replay
	 * that did not deliver would keep the handler, so it delivers this
	 * one for real (the frame is the same unless a mask was swapped). */
	ev->sig.has_frame = rc == 0 && (proc_caught_signals(t->tid) & sig_bit(sig));
	if (rc == 0) {
		rec_put(s, ev, t);
		rc = pt_syscall(t->tid, 0, e);
	}
	free(bytes);
	return rc;
}

/* An asynchronous signal: settle the point (stepping discards the pending
 * signal), record it, and deliver it with its own siginfo from the
 * SIGTRAP stop the steps left the thread in. */
static int deliver_async(struct rec_session *s, struct task *t, int sig,
			 siginfo_t *si, struct event *ev, struct err *e)
{
	struct user_regs_struct r;
	/* the thread may end in another stop: the siginfo is set there */
	if (pt_getregs(t->tid, &r, e) < 0 || rec_settle_point(s, t, &r, e) < 0)
		return -1;
	if (ptrace(PTRACE_SETSIGINFO, t->tid, 0, si) < 0)
		return err_sys(e, "PTRACE_SETSIGINFO on thread %d", t->vtid);
	ev->sig.regs = r;
	point_mem_capture(t->tid, &r, &ev->sig.mem);
	rec_point_state(s, t, &r, &ev->sig.state);
	return deliver(s, t, sig, ev, e);
}

int rec_on_signal(struct rec_session *s, struct task *t, int sig,
		  struct err *e)
{
	struct user_regs_struct r;
	siginfo_t si;
	if (pt_getregs(t->tid, &r, e) < 0)
		return -1;
	if (ptrace(PTRACE_GETSIGINFO, t->tid, 0, &si) < 0)
		return err_sys(e, "PTRACE_GETSIGINFO on thread %d", t->vtid);
	int is_rdtscp, len;
	if (sig == SIGSEGV && si.si_code == SI_KERNEL &&
	    (len = tsc_insn(t->tid, r.rip, &is_rdtscp)))
		return emulate_rdtsc(s, t, &r, len, is_rdtscp, e);
	if (sig == SIGILL && cpuid_sites_contains(&s->patch.sites, r.rip))
		return emulate_cpuid(s, t, &r, e);
	if (sig == SIGSEGV && si.si_code == SI_KERNEL && s->patch.cpuid_faulting &&
	    cpuid_at(t->tid, r.rip))
		return emulate_cpuid(s, t, &r, e);
	if (sig == SIGTRAP && !t->in_syscall) {
		int yielded = rec_yield_hit(s, t, e);
		if (yielded)
			return yielded < 0 ? -1 : 0;
		int planned = rec_planned_hit(s, t, e);
		if (planned)
			return planned < 0 ? -1 : 0;
	}
	if (!is_sync(sig, &si) && !t->in_syscall) {
		int held = rec_hold_back_timer(s, t, sig, &si, &r, e);
		if (held)
			return held < 0 ? -1 : 0;
	}
	struct event ev = {.type = EV_SIGNAL};
	ev.sig.kind = is_sync(sig, &si) ? SIGK_SYNC : SIGK_ASYNC;
	memcpy(ev.sig.info, &si, sizeof ev.sig.info);
	ev.sig.regs = r;
	if (ev.sig.kind == SIGK_ASYNC && !t->in_syscall)
		return deliver_async(s, t, sig, &si, &ev, e);
	if (ev.sig.kind == SIGK_ASYNC)
		point_mem_capture(t->tid, &r, &ev.sig.mem);
	return deliver(s, t, sig, &ev, e);
}

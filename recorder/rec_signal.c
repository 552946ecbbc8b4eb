/* Signal-delivery stops at record time. Three are heisen's own traps and
 * never reach the program: rdtsc/rdtscp (made to fault by PR_SET_TSC, see core/tsc.h),
 * patched cpuid (ud2, SIGILL) and planned points (SIGTRAP). (A terminal's
 * Ctrl-C never reaches the program: it runs in a session of its own, see
 * core/launch.c; it ends the recording.) Every other signal is recorded
 * with where it was delivered, then delivered. */
#define _GNU_SOURCE
#include "record.h"

#include <signal.h>
#include <string.h>
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

/* An asynchronous signal: settle the point (stepping discards the pending
 * signal), record it, and deliver it with its own siginfo from the
 * SIGTRAP stop the steps left the thread in. */
static int deliver_async(struct rec_session *s, struct task *t, int sig,
			 siginfo_t *si, struct event *ev, struct err *e)
{
	struct user_regs_struct r = ev->sig.regs;
	uint64_t before = r.rip;
	if (pt_getregs(t->tid, &r, e) < 0 || rec_settle_point(s, t, &r, e) < 0)
		return -1;
	(void)before; /* the thread may now be in another stop: set ours */
	if (ptrace(PTRACE_SETSIGINFO, t->tid, 0, si) < 0)
		return err_sys(e, "PTRACE_SETSIGINFO on thread %d", t->vtid);
	ev->sig.regs = r;
	point_mem_capture(t->tid, &r, &ev->sig.mem);
	rec_put(s, ev, t);
	s->stats.async_signals++;
	return pt_syscall(t->tid, sig, e);
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
	if (sig == SIGTRAP && !t->in_syscall) {
		int planned = rec_planned_hit(s, t, e);
		if (planned)
			return planned < 0 ? -1 : 0;
	}
	struct event ev = {.type = EV_SIGNAL};
	ev.sig.kind = is_sync(sig, &si) ? SIGK_SYNC : SIGK_ASYNC;
	memcpy(ev.sig.info, &si, sizeof ev.sig.info);
	ev.sig.regs = r;
	if (ev.sig.kind == SIGK_ASYNC && !t->in_syscall)
		return deliver_async(s, t, sig, &si, &ev, e);
	if (ev.sig.kind == SIGK_ASYNC)
		point_mem_capture(t->tid, &r, &ev.sig.mem);
	rec_put(s, &ev, t);
	if (ev.sig.kind == SIGK_SYNC)
		s->stats.sync_signals++;
	else
		s->stats.async_signals++;
	return pt_syscall(t->tid, sig, e);
}

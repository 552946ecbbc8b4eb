/* Syscall injection into a stopped tracee.
 *
 * At user mode (INJECT_AT_USER): point rip at a `syscall` instruction that
 * already exists in the tracee (the gadget), put the number and arguments in
 * rax/rdi/rsi/rdx/r10/r8/r9, run to the entry stop and then the exit stop,
 * take rax, put every register back. orig_rax is set to -1 while the
 * injected call runs so that the kernel's syscall-restart logic (which looks
 * at orig_rax when a stop was inside an interrupted syscall) leaves our
 * registers alone; the saved orig_rax comes back with the rest.
 *
 * At a syscall-entry stop (INJECT_AT_SYSCALL_ENTRY): the kernel is about to
 * run the thread's own syscall; change its number and arguments to ours,
 * let it run to the exit stop, then rewind rip over the 2-byte `syscall`
 * instruction with rax = the original number, so the thread executes its
 * own syscall again and stops at its entry: the caller is back where it
 * was. The original registers are set once more at that stop, so even
 * rcx/r11 (clobbered by `syscall`) are exactly what they were. */
#define _GNU_SOURCE
#include "patching/inject.h"
#include "core/ptrace_util.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#define SYSCALL_INSN 0x050f /* 0f 05, little-endian */
#define SYSCALL_STOP (SIGTRAP | 0x80)

/* PTRACE_GET_SYSCALL_INFO: only `op`, the first byte, is needed. The
 * buffer is as large as the kernel's struct so nothing is truncated that
 * matters. */
#define SYSINFO_ENTRY 1
#define SYSINFO_EXIT 2

const char *inject_status_str(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exited %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by %s", strsignal(WTERMSIG(status)));
	else if (!WIFSTOPPED(status))
		snprintf(buf, len, "status %#x", status);
	else if (WSTOPSIG(status) == SYSCALL_STOP)
		snprintf(buf, len, "syscall stop");
	else if (status >> 16)
		snprintf(buf, len, "ptrace event %d (%s)", status >> 16,
			 strsignal(WSTOPSIG(status)));
	else
		snprintf(buf, len, "signal %d (%s)", WSTOPSIG(status),
			 strsignal(WSTOPSIG(status)));
	return buf;
}


/* Which syscall stop the thread is in: SYSINFO_ENTRY, SYSINFO_EXIT, or
 * -1. Asking the kernel is the only reliable way: rax == -ENOSYS at entry
 * is also a possible result at exit. */
static int syscall_stop_kind(pid_t tid)
{
	uint64_t info[11];
	memset(info, 0, sizeof info);
	if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof info, info) < 0)
		return -1;
	return (int)(info[0] & 0xff);
}

/* Resume with PTRACE_SYSCALL and require the next stop to be a syscall
 * stop of the given kind (SYSINFO_ENTRY/EXIT). PTRACE_EVENT_SECCOMP stops
 * on the way are passed. */
static int step_to_syscall_stop(pid_t tid, int want, struct err *e)
{
	int status;
	char d[96];

	for (;;) {
		if (ptrace(PTRACE_SYSCALL, tid, 0, 0) < 0)
			return err_sys(e, "PTRACE_SYSCALL(%d)", tid);
		pid_t r;
		while ((r = waitpid(tid, &status, __WALL)) != tid)
			if (r < 0 && errno != EINTR)
				return err_sys(e, "waitpid(%d)", tid);
		/* A SECCOMP_RET_TRACE filter reports the call between its
		 * entry and exit stops; letting it go on is all it asks. */
		if (!WIFSTOPPED(status) || (status >> 16) != PTRACE_EVENT_SECCOMP)
			break;
	}
	if (!WIFSTOPPED(status) || WSTOPSIG(status) != SYSCALL_STOP)
		return err_set(e, "thread %d: unexpected %s during syscall "
			       "injection", tid,
			       inject_status_str(status, d, sizeof d));
	int kind = syscall_stop_kind(tid);
	if (kind != want)
		return err_set(e, "thread %d: expected a syscall-%s stop during "
			       "injection, got kind %d", tid,
			       want == SYSINFO_ENTRY ? "entry" : "exit", kind);
	return 0;
}

static void put_args(struct user_regs_struct *r, const uint64_t a[6])
{
	r->rdi = a[0];
	r->rsi = a[1];
	r->rdx = a[2];
	r->r10 = a[3];
	r->r8 = a[4];
	r->r9 = a[5];
}

/* The 2 bytes at addr must be a `syscall` instruction: a wrong gadget would
 * otherwise run arbitrary code in the tracee. */
static int check_syscall_insn(pid_t tid, uint64_t addr, struct err *e)
{
	errno = 0;
	long w = ptrace(PTRACE_PEEKTEXT, tid, addr, 0);
	if (errno)
		return err_sys(e, "reading instruction at %#llx in thread %d",
			       (unsigned long long)addr, tid);
	if ((w & 0xffff) != SYSCALL_INSN)
		return err_set(e, "no syscall instruction at %#llx in thread %d",
			       (unsigned long long)addr, tid);
	return 0;
}

/* Run the injected call from its entry stop to its exit stop and collect
 * the result. */
static int finish_call(pid_t tid, long nr, int64_t *result, struct err *e)
{
	struct user_regs_struct r;
	if (pt_getregs(tid, &r, e) < 0)
		return -1;
	if ((long)r.orig_rax != nr)
		return err_set(e, "thread %d: injected syscall %ld became %lld",
			       tid, nr, (long long)r.orig_rax);
	if (step_to_syscall_stop(tid, SYSINFO_EXIT, e) < 0)
		return -1;
	if (pt_getregs(tid, &r, e) < 0)
		return -1;
	*result = (int64_t)r.rax;
	return 0;
}

static int inject_at_user(pid_t tid, uint64_t gadget, long nr,
			  const uint64_t args[6], int64_t *result,
			  struct err *e)
{
	struct user_regs_struct saved, r;

	if (check_syscall_insn(tid, gadget, e) < 0 || pt_getregs(tid, &saved, e) < 0)
		return -1;
	r = saved;
	r.rip = gadget;
	r.rax = (uint64_t)nr;
	r.orig_rax = (uint64_t)-1;
	put_args(&r, args);
	if (pt_setregs(tid, &r, e) < 0)
		return -1;
	if (step_to_syscall_stop(tid, SYSINFO_ENTRY, e) < 0 ||
	    finish_call(tid, nr, result, e) < 0) {
		/* Best effort: a thread left in some stop with our registers
		 * would be worse than one with its own. */
		ptrace(PTRACE_SETREGS, tid, 0, &saved);
		return -1;
	}
	return pt_setregs(tid, &saved, e);
}

static int inject_at_entry(pid_t tid, long nr, const uint64_t args[6],
			   int64_t *result, struct err *e)
{
	struct user_regs_struct saved, r;

	if (pt_getregs(tid, &saved, e) < 0)
		return -1;
	/* Re-executing must run the same instruction: only the 64-bit
	 * `syscall` is supported (int 0x80 uses another numbering). */
	if (check_syscall_insn(tid, saved.rip - 2, e) < 0)
		return err_wrap(e, "cannot re-execute the interrupted syscall");
	r = saved;
	r.orig_rax = (uint64_t)nr;
	put_args(&r, args);
	if (pt_setregs(tid, &r, e) < 0 || finish_call(tid, nr, result, e) < 0)
		return -1;

	/* Back to user mode just before the original `syscall`. */
	r = saved;
	r.rip = saved.rip - 2;
	r.rax = saved.orig_rax;
	r.orig_rax = (uint64_t)-1;
	if (pt_setregs(tid, &r, e) < 0)
		return -1;
	if (step_to_syscall_stop(tid, SYSINFO_ENTRY, e) < 0)
		return err_wrap(e, "re-executing syscall %lld",
				(long long)saved.orig_rax);
	if (pt_getregs(tid, &r, e) < 0)
		return -1;
	if (r.rip != saved.rip || r.orig_rax != saved.orig_rax)
		return err_set(e, "thread %d: re-executed syscall stopped at "
			       "%#llx nr %lld, expected %#llx nr %lld", tid,
			       (unsigned long long)r.rip, (long long)r.orig_rax,
			       (unsigned long long)saved.rip,
			       (long long)saved.orig_rax);
	return pt_setregs(tid, &saved, e);
}

/* All signals are blocked while the injected call runs: one that arrives
 * meanwhile (a timer, SIGCHLD) stays pending and is delivered after, when
 * the caller resumes the thread, instead of stopping the injection half-way.
 * SIGKILL and SIGSTOP cannot be blocked; faults are forced through. */
int inject_syscall(pid_t tid, enum inject_state st, uint64_t gadget, long nr,
		   const uint64_t args[6], int64_t *result, struct err *e)
{
	uint64_t mask;
	int rc;

	if (pt_hold_signals(tid, &mask, e) < 0)
		return err_wrap(e, "injecting syscall %ld", nr);
	if (st == INJECT_AT_SYSCALL_ENTRY)
		rc = inject_at_entry(tid, nr, args, result, e);
	else
		rc = inject_at_user(tid, gadget, nr, args, result, e);
	if (rc == 0)
		rc = pt_set_sigmask(tid, mask, e);
	else
		ptrace(PTRACE_SETSIGMASK, tid, sizeof mask, &mask);
	if (rc < 0)
		return err_wrap(e, "injecting syscall %ld", nr);
	return 0;
}

#define _GNU_SOURCE
#include "ptrace_util.h"
#include "syscalls.h"

#include <errno.h>
#include <linux/audit.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

int pt_getregs(pid_t tid, struct user_regs_struct *r, struct err *e)
{
	if (ptrace(PTRACE_GETREGS, tid, 0, r) < 0)
		return err_sys(e, "PTRACE_GETREGS on thread %d", tid);
	return 0;
}

int pt_setregs(pid_t tid, const struct user_regs_struct *r, struct err *e)
{
	if (ptrace(PTRACE_SETREGS, tid, 0, r) < 0)
		return err_sys(e, "PTRACE_SETREGS on thread %d", tid);
	return 0;
}

int pt_syscall(pid_t tid, int sig, struct err *e)
{
	if (ptrace(PTRACE_SYSCALL, tid, 0, (void *)(long)sig) < 0)
		return err_sys(e, "PTRACE_SYSCALL on thread %d", tid);
	return 0;
}

int pt_sysemu(pid_t tid, int sig, struct err *e)
{
	if (ptrace(PTRACE_SYSEMU, tid, 0, (void *)(long)sig) < 0)
		return err_sys(e, "PTRACE_SYSEMU on thread %d", tid);
	return 0;
}

int pt_cont(pid_t tid, int sig, struct err *e)
{
	if (ptrace(PTRACE_CONT, tid, 0, (void *)(long)sig) < 0)
		return err_sys(e, "PTRACE_CONT on thread %d", tid);
	return 0;
}

int pt_hold_signals(pid_t tid, uint64_t *saved, struct err *e)
{
	uint64_t all = ~0ull;
	if (ptrace(PTRACE_GETSIGMASK, tid, sizeof *saved, saved) < 0 ||
	    ptrace(PTRACE_SETSIGMASK, tid, sizeof all, &all) < 0)
		return err_sys(e, "PTRACE_SETSIGMASK on thread %d", tid);
	return 0;
}

int pt_set_sigmask(pid_t tid, uint64_t mask, struct err *e)
{
	if (ptrace(PTRACE_SETSIGMASK, tid, sizeof mask, &mask) < 0)
		return err_sys(e, "PTRACE_SETSIGMASK on thread %d", tid);
	return 0;
}

unsigned long pt_eventmsg(pid_t tid)
{
	unsigned long msg = 0;
	ptrace(PTRACE_GETEVENTMSG, tid, 0, &msg);
	return msg;
}

int pt_wait(pid_t tid, int *status, struct err *e)
{
	for (;;) {
		pid_t r = waitpid(tid, status, __WALL);
		if (r == tid)
			return 0;
		if (r < 0 && errno == EINTR)
			continue;
		return err_sys(e, "waitpid on thread %d", tid);
	}
}

enum stop_kind stop_classify(int status)
{
	if (!WIFSTOPPED(status))
		return STOP_EXITED;
	if (WSTOPSIG(status) == (SIGTRAP | 0x80))
		return STOP_SYSCALL;
	if (status >> 16)
		return STOP_EVENT;
	return STOP_SIGNAL;
}

int stop_event(int status)
{
	return status >> 16;
}

int stop_is_creation(int status)
{
	if (stop_classify(status) != STOP_EVENT)
		return 0;
	int ev = stop_event(status);
	return ev == PTRACE_EVENT_CLONE || ev == PTRACE_EVENT_FORK ||
	       ev == PTRACE_EVENT_VFORK;
}

int pt_syscall_is_entry(pid_t tid, struct err *e)
{
	struct __ptrace_syscall_info info;
	if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof info, &info) <= 0)
		return err_sys(e, "PTRACE_GET_SYSCALL_INFO on thread %d", tid);
	if (info.op == PTRACE_SYSCALL_INFO_ENTRY)
		return 1;
	if (info.op == PTRACE_SYSCALL_INFO_EXIT)
		return 0;
	return err_set(e, "thread %d: not at a syscall stop (op %d)", tid, info.op);
}

int pt_syscall_abi(pid_t tid, struct err *e)
{
	struct __ptrace_syscall_info info;
	if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof info, &info) <= 0)
		return err_sys(e, "PTRACE_GET_SYSCALL_INFO on thread %d", tid);
	if (info.op != PTRACE_SYSCALL_INFO_ENTRY && info.op != PTRACE_SYSCALL_INFO_SECCOMP)
		return err_set(e, "thread %d: not at a syscall's entry (op %d)", tid, info.op);
	if (info.arch != AUDIT_ARCH_X86_64)
		return SYS_ABI_I386;
	/* The kernel takes the low 32 bits as x32's number N when they are
	 * SYS_X32_BASE + N for N in its table; any other number, -1
	 * included, is an x86-64 one, or ENOSYS. */
	return (uint32_t)info.entry.nr - SYS_X32_BASE < SYS_X32_ROWS ? SYS_ABI_X32 : SYS_ABI_X86_64;
}

#define DR_OFF(i) offsetof(struct user, u_debugreg[i])

int pt_dr_get(pid_t tid, int i, uint64_t *v, struct err *e)
{
	errno = 0;
	long r = ptrace(PTRACE_PEEKUSER, tid, DR_OFF(i), 0);
	if (errno)
		return err_sys(e, "reading DR%d of thread %d", i, tid);
	*v = (uint64_t)r;
	return 0;
}

int pt_dr_set(pid_t tid, int i, uint64_t v, struct err *e)
{
	if (ptrace(PTRACE_POKEUSER, tid, DR_OFF(i), v) < 0)
		return err_sys(e, "setting DR%d of thread %d", i, tid);
	return 0;
}

int pt_set_hwbp(pid_t tid, uint64_t addr, struct err *e)
{
	/* DR7 must be cleared before DR0 changes, and set after. Its bits for
	 * DR1-DR3 (planned points, a debugger's watchpoints) are kept. */
	uint64_t dr7 = 0;
	if (pt_dr_get(tid, 7, &dr7, e) < 0)
		dr7 = 0;
	dr7 &= ~DR7_SLOT_BITS(0);
	if (pt_dr_set(tid, 7, 0, e) < 0 || (addr && pt_dr_set(tid, 0, addr, e) < 0))
		return -1;
	if ((addr || dr7) && pt_dr_set(tid, 7, dr7 | (addr ? 1 : 0), e) < 0)
		return -1;
	return 0;
}

uint64_t pt_dr6(pid_t tid)
{
	errno = 0;
	long v = ptrace(PTRACE_PEEKUSER, tid, DR_OFF(6), 0);
	return errno ? 0 : (uint64_t)v;
}

void pt_clear_dr6(pid_t tid)
{
	ptrace(PTRACE_POKEUSER, tid, DR_OFF(6), 0);
}

static int proc_mem(pid_t tid, int flags)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/mem", tid);
	return open(path, flags | O_CLOEXEC);
}

int mem_read(pid_t tid, uint64_t addr, void *buf, size_t len, struct err *e)
{
	if (!len)
		return 0;
	struct iovec local = {buf, len}, remote = {(void *)addr, len};
	ssize_t n = process_vm_readv(tid, &local, 1, &remote, 1, 0);
	if (n == (ssize_t)len)
		return 0;
	int fd = proc_mem(tid, O_RDONLY);
	if (fd < 0)
		return err_sys(e, "cannot open memory of thread %d", tid);
	n = pread(fd, buf, len, (off_t)addr);
	close(fd);
	if (n != (ssize_t)len)
		return err_set(e, "cannot read %zu bytes at 0x%llx in thread %d",
			       len, (unsigned long long)addr, tid);
	return 0;
}

int mem_reader_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct mem_reader *c = ctx;
	return mem_read(c->tid, addr, buf, len, c->e);
}

int tracee_read(int memfd, uint64_t addr, void *buf, size_t len,
		struct err *e)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = pread(memfd, (char *)buf + done, len - done,
				  (off_t)(addr + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return err_sys(e, "reading tracee memory at %#llx",
				       (unsigned long long)(addr + done));
		if (n == 0)
			return err_set(e, "reading tracee memory at %#llx: "
				       "not mapped",
				       (unsigned long long)(addr + done));
		done += (size_t)n;
	}
	return 0;
}

int tracee_write(int memfd, uint64_t addr, const void *buf, size_t len,
		 struct err *e)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = pwrite(memfd, (const char *)buf + done, len - done,
				   (off_t)(addr + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return err_sys(e, "writing tracee memory at %#llx",
				       (unsigned long long)(addr + done));
		if (n == 0)
			return err_set(e, "writing tracee memory at %#llx: "
				       "not mapped",
				       (unsigned long long)(addr + done));
		done += (size_t)n;
	}
	return 0;
}

int mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len,
	      struct err *e)
{
	if (!len)
		return 0;
	/* one syscall where the pages are writable (the chaos scheduler's
	 * counter, at every switch); /proc/PID/mem for the others (code) */
	struct iovec local = {(void *)buf, len}, remote = {(void *)addr, len};
	if (process_vm_writev(tid, &local, 1, &remote, 1, 0) == (ssize_t)len)
		return 0;
	int fd = proc_mem(tid, O_RDWR);
	if (fd < 0)
		return err_sys(e, "cannot open memory of thread %d", tid);
	int rc = tracee_write(fd, addr, buf, len, e);
	close(fd);
	return rc;
}

pid_t ns_tid(pid_t tid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", tid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	pid_t inner = -1;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "NSpid:", 6) != 0)
			continue;
		/* the last number is the id in the innermost namespace */
		char *tok = strtok(line + 6, " \t\n");
		while (tok) {
			inner = (pid_t)atoi(tok);
			tok = strtok(NULL, " \t\n");
		}
	}
	fclose(f);
	return inner;
}

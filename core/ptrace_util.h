/* Thin, checked wrappers over ptrace and waitpid, shared by the recorder
 * and the replayer. */
#ifndef HEISEN_PTRACE_UTIL_H
#define HEISEN_PTRACE_UTIL_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "err.h"

/* The options every tracee gets. */
#define HEISEN_PTRACE_OPTIONS                                              \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK |  \
	 PTRACE_O_TRACEVFORK | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT |     \
	 PTRACE_O_EXITKILL)

int pt_getregs(pid_t tid, struct user_regs_struct *r, struct err *e);
int pt_setregs(pid_t tid, const struct user_regs_struct *r, struct err *e);
/* Resume to the next syscall stop or signal, delivering sig (0: none). */
int pt_syscall(pid_t tid, int sig, struct err *e);
int pt_cont(pid_t tid, int sig, struct err *e);
/* Block every signal of a stopped thread while heisen moves it (one that
 * comes meanwhile stays pending, with its own siginfo); *saved receives
 * the mask to give back with pt_set_sigmask. */
int pt_hold_signals(pid_t tid, uint64_t *saved, struct err *e);
int pt_set_sigmask(pid_t tid, uint64_t mask, struct err *e);
/* Resume to the next syscall entry, which the kernel will skip. */
int pt_sysemu(pid_t tid, int sig, struct err *e);
unsigned long pt_eventmsg(pid_t tid);
/* waitpid(tid, __WALL), retried on EINTR. */
int pt_wait(pid_t tid, int *status, struct err *e);

/* Classify a waitpid status of a stopped tracee. */
enum stop_kind {
	STOP_SYSCALL,   /* syscall-entry or -exit stop (TRACESYSGOOD) */
	STOP_EVENT,     /* PTRACE_EVENT_* stop: see stop_event() */
	STOP_SIGNAL,    /* signal-delivery-stop: WSTOPSIG is the signal */
	STOP_EXITED,    /* exited or killed: the tid is gone */
};
enum stop_kind stop_classify(int status);
int stop_event(int status); /* PTRACE_EVENT_* of an event stop */
/* A fork, vfork or clone event stop: the parent, its child just made. */
int stop_is_creation(int status);

/* Entry (1) or exit (0) of a syscall stop, from PTRACE_GET_SYSCALL_INFO. */
int pt_syscall_is_entry(pid_t tid, struct err *e);
/* The enum sys_abi of the syscall a thread is stopped at the entry of, from
 * the kernel's own record of it (the registers can be made to look like
 * either), or -1. */
int pt_syscall_abi(pid_t tid, struct err *e);

/* Hardware breakpoint slot 0: execute breakpoint at addr (0 clears). */
/* Debug register i (0-7) of a stopped thread. DR0 is the point
 * machinery's, DR1-DR3 planned points' (record) and gdb's (replay). */
int pt_dr_get(pid_t tid, int i, uint64_t *v, struct err *e);
int pt_dr_set(pid_t tid, int i, uint64_t v, struct err *e);
/* DR7's bits for slot i: its enables and its R/W and LEN fields. */
#define DR7_SLOT_BITS(i) ((3ull << (2 * (i))) | (0xfull << (16 + 4 * (i))))
int pt_set_hwbp(pid_t tid, uint64_t addr, struct err *e);
uint64_t pt_dr6(pid_t tid);
void pt_clear_dr6(pid_t tid);

/* Read/write tracee memory. Reads use process_vm_readv and fall back to
 * /proc/tid/mem; writes go through /proc/tid/mem so code pages can be
 * patched. */
int mem_read(pid_t tid, uint64_t addr, void *buf, size_t len, struct err *e);
/* mem_read as a reader callback (core/sysout.h's mem_read_fn): the
 * context is a struct mem_reader. */
struct mem_reader {
	pid_t tid;
	struct err *e;
};
int mem_reader_read(void *ctx, uint64_t addr, void *buf, size_t len);
int mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len,
	      struct err *e);

/* Read/write exactly len bytes of tracee memory through an fd open on
 * /proc/<pid>/mem. Writes go through even to read-only code pages. */
int tracee_read(int memfd, uint64_t addr, void *buf, size_t len,
		struct err *e);
int tracee_write(int memfd, uint64_t addr, const void *buf, size_t len,
		 struct err *e);

/* The pid/tid this task has inside its own pid namespace (NSpid). */
pid_t ns_tid(pid_t tid);

/* "%llx in func+off (file)" for divergence reports. */
void describe_addr(pid_t tid, uint64_t addr, char *out, size_t outlen);

#endif

/* Running a syscall inside a stopped tracee, and reading/writing its memory.
 *
 * The replayer needs to change a tracee's address space (map and unmap a
 * trampoline page, for instance) without the program noticing: the syscall
 * runs in the thread itself, between two of its ptrace stops, and every
 * register is put back afterwards. */
#ifndef HEISEN_INJECT_H
#define HEISEN_INJECT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/err.h"
#include "core/ptrace_util.h" /* tracee_read, tracee_write */

enum inject_state {
	/* The thread is in a stop from which it would return to user mode:
	 * signal-delivery-stop (the signal is discarded), PTRACE_EVENT stop,
	 * syscall-exit-stop, hardware-breakpoint SIGTRAP stop. Afterwards it is
	 * in the syscall-exit-stop of the injected syscall, with all of its
	 * original registers, so resuming it continues where it was. */
	INJECT_AT_USER,
	/* The thread is at the syscall-entry stop of one of its own syscalls
	 * (made with the 2-byte `syscall` instruction). Afterwards it is at the
	 * entry stop of that same syscall again, with its original registers. */
	INJECT_AT_SYSCALL_ENTRY,
};

/* Run syscall nr(args) in the stopped thread `tid` (ptrace-seized with
 * PTRACE_O_TRACESYSGOOD) and restore its registers. `gadget` is the address
 * of a `syscall` instruction (0f 05) in the tracee; it is only used with
 * INJECT_AT_USER; if the tracee has a seccomp filter, it should be one the
 * filter allows. *result receives the raw return value (-errno on failure).
 * Any stop other than the expected syscall stops (and PTRACE_EVENT_SECCOMP
 * stops, which are passed) is an error. The thread's signals are blocked
 * during the call, so an asynchronous signal arriving meanwhile stays
 * pending and is delivered once the caller resumes the thread. */
int inject_syscall(pid_t tid, enum inject_state st, uint64_t gadget, long nr,
		   const uint64_t args[6], int64_t *result, struct err *e);

/* A waitpid status in words, for error messages: "syscall stop",
 * "signal SIGSEGV", "event 6 (SIGTRAP)", "exited 3", "killed by SIGKILL". */
const char *inject_status_str(int status, char *buf, size_t len);

#endif

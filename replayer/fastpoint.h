/* Reaching a recorded execution point (rip + registers + the memory the
 * instruction at rip reads) without a PMU.
 *
 * See the comment at the top of fastpoint.c for how it works. */
#ifndef HEISEN_FASTPOINT_H
#define HEISEN_FASTPOINT_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "core/err.h"
#include "core/point.h"

/* The bits of eflags a point must match: CF PF AF ZF SF DF OF. */
#define FASTPOINT_FLAGS_MASK 0xcd5ULL

struct fastpoint_stats {
	uint64_t hw_hits;     /* hardware-breakpoint stops taken */
	uint64_t tramp_traps; /* int3 stops from the trampoline's full match */
	uint64_t mem_rejects; /* hardware hits with every register equal but
				 the point's memory not (an earlier pass
				 through a loop whose progress is in memory) */
	int used_trampoline;  /* 1: the in-tracee trampoline was installed */
	int patch_unsafe;     /* 1: a trampoline was wanted but the code at rip
				 could not be patched safely (see
				 why_no_trampoline); the hardware breakpoint
				 did all the work */
	char why_no_trampoline[96];
	int unwound;          /* 1: the other stop was inside the trampoline and
				 the program's state was reconstructed */
	uint64_t ns;          /* wall time spent in fastpoint_run */
};

enum fp_result { FP_REACHED = 0, FP_OTHER_STOP = 1 };

/* Resume stopped tracee `tid` (in a stop from which it returns to user mode)
 * and stop it exactly when it is about to execute target->rip with the 16
 * general-purpose registers, rip and eflags & FASTPOINT_FLAGS_MASK equal to
 * target's and the mem->op[i].len bytes at each mem->op[i].addr equal to
 * mem->op[i].bytes (the operands the instruction is about to read, as
 * point_mem_capture took them: at most POINT_MAX_MEM, len at most 8; mem
 * NULL or mem->n == 0: registers alone). The memory is read only at
 * register matches, in the tracer or in the tracee's trampoline. If it is
 * already there, return FP_REACHED without running it.
 *
 * The thread is resumed with PTRACE_SYSCALL and signal 0 (a signal pending
 * delivery in the current stop is discarded). If it reaches a syscall-entry
 * stop, exits, or gets any other stop before the point, the result is
 * FP_OTHER_STOP, *status is that waitpid status and the thread is left in
 * that stop (see fastpoint.c for the two stop kinds that cannot be kept
 * exactly: PTRACE_EVENT_STOP gets a fresh one, other events are left in a
 * syscall-exit-stop).
 *
 * On FP_REACHED the thread is stopped with registers == target, all patches
 * are removed, debug registers are cleared and memory is as the program's
 * own execution left it. If it ran, it is in a SIGTRAP signal-delivery-stop,
 * *status says so, and resuming it with signal 0 discards the SIGTRAP (or
 * give another signal, with PTRACE_SETSIGINFO first). If it was already
 * there it did not move: it is still in the stop it was in and *status is
 * 0.
 *
 * fastpoint owns the debug registers of `tid` during the call (DR7 is
 * overwritten; DR0, DR6 and DR7 are zero afterwards).
 *
 * memfd is open on /proc/<pid>/mem; gadget is the address of a `syscall`
 * instruction in the tracee (used to map and unmap the trampoline page; see
 * inject_syscall).
 * Only `tid` may run during the call: patched code is shared by all threads.
 * st may be NULL; it is overwritten, not accumulated.
 * Returns 0, or -1 with e set (the thread's state is then unspecified). */
int fastpoint_run(pid_t tid, int memfd, const struct user_regs_struct *target,
		  const struct point_mem *mem, uint64_t gadget, uint64_t hw_hit_limit,
		  enum fp_result *res, int *status, struct fastpoint_stats *st,
		  struct err *e);

/* hw_hit_limit: how many hardware-breakpoint hits at the target rip without
 * a match before the trampoline is installed. FASTPOINT_HW_HITS is the
 * usual; UINT64_MAX: never (hardware breakpoint only); 0: at the first hit. */
#define FASTPOINT_HW_HITS 16

#endif

/* vDSO patching: make the kernel's user-space time functions visible.
 *
 * clock_gettime, gettimeofday, time, clock_getres and getcpu are served by
 * the vDSO without entering the kernel, so a ptrace recorder never sees them
 * and their results would differ at replay. Rewriting each of them in the
 * tracee into a real syscall turns them into ordinary recordable syscalls. */
#ifndef HEISEN_VDSO_H
#define HEISEN_VDSO_H

#include <stdint.h>
#include <sys/types.h>

#include "core/err.h"

/* Patch the vDSO mapped at [base, base+len) in the tracee, whose memory is
 * open (O_RDWR) as memfd = /proc/<tid>/mem. The tracee must be stopped.
 * The exported functions are found in the vDSO's dynamic symbol table; the
 * time functions become `mov eax, NR; syscall; ret`, __vdso_getrandom (when
 * present) becomes `mov rax, -ENOSYS; ret` so libc uses the getrandom
 * syscall. *gadget receives the address of one `syscall` instruction
 * written, usable to inject syscalls into the tracee. */
int vdso_patch(int memfd, uint64_t base, uint64_t len, uint64_t *gadget,
	       struct err *e);

/* Find the vDSO mapping of tid in /proc/<tid>/maps. */
int vdso_find(pid_t tid, uint64_t *base, uint64_t *len, struct err *e);

#endif

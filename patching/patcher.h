/* What heisen changes in a tracee, done identically at record and at
 * replay so both runs execute the same bytes: the vDSO's time functions
 * become syscalls, and every cpuid traps: by CPUID faulting where the CPU
 * and kernel have it (turned on after each exec, which turns it off), or
 * else by overwriting each cpuid with ud2. */
#ifndef HEISEN_PATCHER_H
#define HEISEN_PATCHER_H

#include <stdint.h>
#include <sys/types.h>

#include "core/err.h"
#include "patching/cpuid.h"
#include "patching/yield.h"

struct patcher {
	int cpuid_patching;        /* patch cpuid sites to ud2 (SIGILL) */
	int cpuid_faulting;        /* or: CPUID faulting on (SIGSEGV) */
	struct cpuid_sites sites;
	uint64_t gadget;           /* a syscall instruction in the tracee */
	uint64_t vdso_base;
	uint64_t scan_ns;          /* time spent scanning, for statistics */
	/* record --chaos with the access strategy, and its replay: yield
	 * sites in every exec'd executable (patching/yield.h) */
	int yield_sites;
	struct yield_image *images;
	size_t nimages;
	int last_image;            /* the last exec's: 1-based, 0 none */
};

/* An image's yield sites (image as task.yield_img holds it), or NULL. */
const struct yield_image *patch_image(const struct patcher *p, int image);

/* Right after exec: patch the vDSO and every executable mapping. */
int patch_exec(struct patcher *p, pid_t tid, struct err *e);
/* At the syscall-exit stop of a successful execve/execveat, after
 * patch_exec: install the yield sites (last_image says which); with cpuid_faulting, make cpuid fault in the new image (an
 * arch_prctl run in the thread). The thread is left in an equivalent
 * syscall-exit stop with its own registers. */
int patch_exec_done(struct patcher *p, pid_t tid, struct err *e);
/* After a successful mmap/mprotect that made [start,start+len) executable. */
int patch_range(struct patcher *p, pid_t tid, uint64_t start, uint64_t len,
		struct err *e);
void patcher_free(struct patcher *p);

#endif

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
#include "core/task.h"
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
	 * sites in every exec'd executable and in the libraries it maps
	 * (patching/yield.h), each file built once per key */
	int yield_sites;
	struct yield_image *images;
	size_t nimages;
};

/* An image's yield sites (as a yield_set numbers it), or NULL. */
const struct yield_image *patch_image(const struct patcher *p, int image);
/* The image of the set whose stubs hold rip, or NULL. */
const struct yield_image *patch_stub_image(const struct patcher *p,
					   const struct yield_set *set, uint64_t rip);
/* Whether a yield site of the set starts at addr. */
int patch_is_site(const struct patcher *p, const struct yield_set *set, uint64_t addr);
/* yield_program_view, yield_breakpoint_address and yield_original_bytes
 * over every image of the set. */
int patch_program_view(const struct patcher *p, const struct yield_set *set, pid_t tid,
		       struct user_regs_struct *r);
uint64_t patch_breakpoint_address(const struct patcher *p, const struct yield_set *set,
				  uint64_t addr);
void patch_original_bytes(const struct patcher *p, const struct yield_set *set,
			  uint64_t addr, uint8_t *buf, size_t len);
/* Whether the record gives a library mapped from `path` (as the maps show
 * it) yield sites: not one of the system's (in /lib or /usr/lib, glibc's
 * among them: their lock paths are reached by the calls into them, which
 * are sites of the caller). */
int patch_library_wanted(const char *path);
/* After the mmap that made [addr, ...) a library's code, in a syscall-exit
 * stop: its yield sites, with their stubs at `at` (0: the first free place
 * below the library), installed in tid and added to set (the counter page
 * mapped first if the set has none). *region and *digest say what was
 * installed (0: nothing: no sites, no room, or the set is full). */
int patch_library(struct patcher *p, pid_t tid, struct yield_set *set, uint64_t addr,
		  uint64_t at, uint64_t *region, uint64_t *digest, struct err *e);
/* After a successful mmap or munmap (syscall nr, its arguments and
 * result): the images whose code it covered leave the set (their stubs
 * stay mapped, unused). Returns whether the set changed; *code_at is where
 * it mapped a file's code (a library's, perhaps), or 0. */
int patch_mapping_changed(const struct patcher *p, struct yield_set *set, long nr,
			  const uint64_t *args, int64_t result, uint64_t *code_at);

/* Right after exec: patch the vDSO and every executable mapping. */
int patch_exec(struct patcher *p, pid_t tid, struct err *e);
/* At the syscall-exit stop of a successful execve/execveat, after
 * patch_exec: install the executable's yield sites (set becomes the new
 * process's: that image or none); with cpuid_faulting, make cpuid fault in
 * the new image (an arch_prctl run in the thread). The thread is left in
 * an equivalent syscall-exit stop with its own registers. */
int patch_exec_done(struct patcher *p, pid_t tid, struct yield_set *set, struct err *e);
/* After a successful mmap/mprotect that made [start,start+len) executable. */
int patch_range(struct patcher *p, pid_t tid, uint64_t start, uint64_t len,
		struct err *e);
void patcher_free(struct patcher *p);

#endif

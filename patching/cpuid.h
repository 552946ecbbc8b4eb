/* cpuid interception: cpuid results differ between CPUs (APIC id) and
 * machines, so the recorder must trap every cpuid, record what it returns
 * and have the replayer return the same.
 *
 * CPUID faulting (arch_prctl ARCH_SET_CPUID) does this in hardware where
 * available. Otherwise each cpuid instruction (0f a2) in the tracee's code
 * is overwritten with ud2 (0f 0b, same length): it raises SIGILL at the same
 * rip, the tracer emulates it (cpuid_emulate) and steps rip over it. */
#ifndef HEISEN_CPUID_H
#define HEISEN_CPUID_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/err.h"

/* 1 when ARCH_GET_CPUID/ARCH_SET_CPUID work here, 0 otherwise. Probed in a
 * forked child so the caller's own cpuid keeps working. */
int cpuid_faulting_available(void);

/* Addresses of the cpuid instructions in code[0..len), which is mapped at
 * addr, found by linear decoding from code[0] (an undecodable byte is
 * skipped). Bytes 0f a2 inside another instruction are not reported.
 * *out is malloc'd (NULL when *n == 0); the caller frees it. */
int cpuid_find(const uint8_t *code, size_t len, uint64_t addr,
	       uint64_t **out, size_t *n, struct err *e);

/* The sorted set of patched sites, to tell a SIGILL caused by a patched
 * cpuid from a genuine one. Zero-initialise before use. */
struct cpuid_sites {
	uint64_t *addr;
	size_t n, cap;
};

int cpuid_sites_contains(const struct cpuid_sites *s, uint64_t addr);
void cpuid_sites_free(struct cpuid_sites *s);

/* Read [start, end) of the stopped tracee through memfd (/proc/<tid>/mem,
 * O_RDWR), overwrite each cpuid found with ud2 and add its address to
 * *sites. The caller scans each mapping once (same start = already done). */
int cpuid_patch_range(int memfd, uint64_t start, uint64_t end,
		      struct cpuid_sites *sites, struct err *e);

/* Whether the 2 bytes at rip in the stopped thread are a cpuid. */
int cpuid_at(pid_t tid, uint64_t rip);

/* Execute cpuid(eax, ecx) here and return eax, ebx, ecx, edx in out[0..3],
 * with RDRAND (leaf 1 ecx bit 30), RDSEED (leaf 7 ebx bit 18), HLE and RTM
 * (leaf 7 ebx bits 4 and 11) hidden: random-number instructions cannot be
 * trapped and transactional memory would make the tracee's behaviour
 * depend on aborts the replay cannot reproduce. */
void cpuid_emulate(uint32_t eax, uint32_t ecx, uint32_t out[4]);

#endif

/* heisen's own use of the time-stamp counter.
 *
 * Tracees run with rdtsc made to fault (PR_SET_TSC), so their rdtsc can be
 * recorded and replayed. The kernel keeps that setting in CR4, per task:
 * every switch between a task with it and one without rewrites CR4, which
 * in a virtual machine exits to the hypervisor and costs microseconds. A
 * tracer switches with its tracee at every ptrace stop, so heisen puts
 * itself under the same setting and reads the clock through syscalls.
 * Anything in heisen's process that still runs rdtsc (a library, the vDSO)
 * is caught: rdtsc is allowed again for the rest of the run, which costs
 * only speed. The same net catches a cpuid when heisen runs with CPUID
 * faulting (patching/cpuid.h). */
#ifndef HEISEN_TSC_H
#define HEISEN_TSC_H

#include <stdint.h>

#include "core/err.h"

/* Make rdtsc fault in this process (and what it forks), with the safety
 * net above installed. */
int tsc_trap_self(struct err *e);

/* With CPUID faulting (patching/cpuid.h), heisen turns it on for itself
 * too, for the same reason: the kernel rewrites an MSR at every switch
 * between a task with faulting and one without (bench/progs/ptrace_stop
 * measures both). What this process forks inherits it; an exec turns it
 * off. heisen's own cpuid goes through cpuid_native. */
int cpuid_trap_self(struct err *e);

/* cpuid(leaf, sub) on this CPU, whether or not it faults here. */
void cpuid_native(uint32_t leaf, uint32_t sub, uint32_t out[4]);

/* Allow rdtsc again, for a child about to exec another program. */
void tsc_allow_self(void);

/* Read the real counter (rdtscp when aux is not NULL, storing TSC_AUX in
 * *aux). Costs two prctl calls while rdtsc is trapped. */
uint64_t tsc_read(unsigned *aux);

/* CLOCK_MONOTONIC in nanoseconds, through the syscall: the vDSO's
 * clock_gettime reads the TSC. */
uint64_t now_ns(void);

/* How many times the safety net had to allow rdtsc or cpuid (0 when
 * nothing in heisen ran them). */
unsigned tsc_fallbacks(void);

#endif

#define _GNU_SOURCE
#include "core/tsc.h"

#include <asm/prctl.h>
#include <cpuid.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include <x86intrin.h>

/* The signal handler can reach nothing else: the count of rdtsc caught in
 * heisen's own process. */
static volatile sig_atomic_t tsc_fallback_count;

static int at_tsc_insn(const uint8_t *ip)
{
	return ip[0] == 0x0f && (ip[1] == 0x31 ||
				 (ip[1] == 0x01 && ip[2] == 0xf9));
}

static int at_cpuid_insn(const uint8_t *ip)
{
	return ip[0] == 0x0f && ip[1] == 0xa2;
}

/* A fault of our own rdtsc (or, with CPUID faulting on for heisen too, of
 * a cpuid: patching/cpuid.h): allow it and return, so the instruction runs
 * again. Any other SIGSEGV is a real crash: let it kill us as it would
 * have. */
static void tsc_on_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	const uint8_t *ip = (const uint8_t *)uc->uc_mcontext.gregs[REG_RIP];
	if (si->si_code == SI_KERNEL &&
	    ((at_tsc_insn(ip) && prctl(PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0) == 0) ||
	     (at_cpuid_insn(ip) &&
	      syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1) == 0))) {
		tsc_fallback_count++;
		return;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

int tsc_trap_self(struct err *e)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = tsc_on_segv;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, NULL) < 0)
		return err_sys(e, "cannot install the rdtsc safety handler");
	if (prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0) < 0)
		return err_sys(e, "cannot make rdtsc trap");
	return 0;
}

void tsc_allow_self(void)
{
	prctl(PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0);
}

uint64_t tsc_read(unsigned *aux)
{
	int mode = PR_TSC_ENABLE;
	prctl(PR_GET_TSC, &mode, 0, 0, 0);
	if (mode != PR_TSC_ENABLE)
		prctl(PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0);
	uint64_t v = aux ? __rdtscp(aux) : __rdtsc();
	if (mode != PR_TSC_ENABLE)
		prctl(PR_SET_TSC, mode, 0, 0, 0);
	return v;
}

int cpuid_trap_self(struct err *e)
{
	if (syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0) < 0)
		return err_sys(e, "cannot turn CPUID faulting on");
	return 0;
}

void cpuid_native(uint32_t leaf, uint32_t sub, uint32_t out[4])
{
	/* ARCH_GET_CPUID: 1 when cpuid runs, 0 when it faults */
	int faulting = syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0) == 0;
	if (faulting)
		syscall(SYS_arch_prctl, ARCH_SET_CPUID, 1);
	__cpuid_count(leaf, sub, out[0], out[1], out[2], out[3]);
	if (faulting)
		syscall(SYS_arch_prctl, ARCH_SET_CPUID, 0);
}

uint64_t now_ns(void)
{
	struct timespec ts;
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

unsigned tsc_fallbacks(void)
{
	return (unsigned)tsc_fallback_count;
}

/* SIGTRAP from int3 with a handler: after the trap rip is just past the
 * int3, si_code is SI_KERNEL, and returning resumes there. A recorder that
 * uses ptrace and breakpoints of its own must tell this int3 from its own.
 * Ten traps, with a count kept in a register across them.
 * corpus: native=same */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile int hits, kernel_code, after_int3;

static void on_trap(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	ucontext_t *uc = ucv;
	hits++;
	kernel_code += si->si_code == SI_KERNEL;
	const unsigned char *rip = (const unsigned char *)(uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
	after_int3 += rip[-1] == 0xcc;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_trap;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGTRAP, &sa, NULL);
	long acc = 0;
	for (long i = 1; i <= 10; i++) {
		__asm__ volatile("int3\n\t"
				 "add %1, %0"
				 : "+r"(acc)
				 : "r"(i));
	}
	printf("int3 trapped %d times, SI_KERNEL %d, rip after the int3 %d, acc %ld\n", hits,
	       kernel_code, after_int3, acc);
	return hits != 10 || acc != 55;
}

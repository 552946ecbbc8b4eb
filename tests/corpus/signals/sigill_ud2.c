/* SIGILL from ud2: the handler checks si_code ILL_ILLOPN and that si_addr
 * is the instruction, sets rax to mark it was there and skips the 2-byte
 * instruction. Five times in a loop.
 * corpus: native=same */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile int hits, addr_ok, code_ok;

static void on_ill(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	ucontext_t *uc = ucv;
	hits++;
	code_ok += si->si_code == ILL_ILLOPN;
	addr_ok += (uintptr_t)si->si_addr == (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
	uc->uc_mcontext.gregs[REG_RAX] += 1000;
	uc->uc_mcontext.gregs[REG_RIP] += 2;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_ill;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGILL, &sa, NULL);
	long total = 0;
	for (long i = 0; i < 5; i++) {
		long v = i;
		__asm__ volatile("ud2" : "+a"(v));
		total += v;
	}
	printf("ud2 trapped %d times, ILL_ILLOPN %d, si_addr at the instruction %d, total %ld\n",
	       hits, code_ok, addr_ok, total);
	return hits != 5 || total != 5010;
}

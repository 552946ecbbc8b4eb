/* SIGFPE from an integer division by zero (idiv), with a handler that
 * checks si_code FPE_INTDIV, writes a result into rax and advances rip past
 * the 3-byte instruction, so execution continues after it. Also INT_MIN /
 * -1, which faults the same way.
 * corpus: native=same */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>

static volatile int faults, intdiv;

static void on_fpe(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	ucontext_t *uc = ucv;
	faults++;
	intdiv += si->si_code == FPE_INTDIV;
	uc->uc_mcontext.gregs[REG_RAX] = -1;       /* the "result" */
	uc->uc_mcontext.gregs[REG_RIP] += 3;       /* idiv %rcx is 48 f7 f9 */
}

static long divide(long a, long b)
{
	long q = a, r = 0;
	__asm__ volatile("cqto\n\t"
			 "idiv %%rcx"
			 : "+a"(q), "=&d"(r)
			 : "c"(b)
			 : "cc");
	return q;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fpe;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGFPE, &sa, NULL);
	long tests[][2] = { { 100, 7 }, { 100, 0 }, { -5, 0 }, { (long)(-9223372036854775807L - 1), -1 }, { 42, 2 } };
	for (int i = 0; i < 5; i++)
		printf("%ld / %ld = %ld\n", tests[i][0], tests[i][1], divide(tests[i][0], tests[i][1]));
	printf("faults %d, FPE_INTDIV %d\n", faults, intdiv);
	return faults != 3;
}

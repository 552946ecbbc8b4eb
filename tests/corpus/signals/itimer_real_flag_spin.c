/* `while (!flag);`: a loop in which no register changes at all, so nothing
 * but the instruction pointer tells one iteration from the next. A 1 ms
 * ITIMER_REAL sets the flag 30 times; the handler notes the interrupted
 * instruction (its offset in the spin function), which varies natively.
 * corpus: native=differs */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>

enum { ROUNDS = 30 };
static volatile int flag;
static long offs[ROUNDS];
static volatile int n;

__attribute__((noinline)) static void spin(void)
{
	while (!flag)
		;
}

static void handler(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	(void)si;
	ucontext_t *uc = ucv;
	if (n < ROUNDS)
		offs[n++] = (long)(uc->uc_mcontext.gregs[REG_RIP] - (long)(uintptr_t)spin);
	flag = 1;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	for (int r = 0; r < ROUNDS; r++) {
		flag = 0;
		spin();
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	int inside = 0;
	printf("interrupted at offsets:");
	for (int i = 0; i < n; i++) {
		printf(" %ld", offs[i]);
		inside += offs[i] >= 0 && offs[i] < 64;
	}
	printf("\n%d of %d ticks landed inside the spin loop\n", inside, n);
	return n != ROUNDS;
}

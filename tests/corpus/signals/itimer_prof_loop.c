/* setitimer(ITIMER_PROF): SIGPROF after every 1 ms of CPU time (user and
 * system), 25 times, into a loop with a volatile counter that the handler
 * reads, as a sampling profiler does with the interrupted context.
 * corpus: native=differs */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <ucontext.h>

enum { TICKS = 25 };
static volatile long counter;
static long at[TICKS];
static volatile int n;
static volatile int had_context;

static void handler(int sig, siginfo_t *si, void *ucv)
{
	(void)sig;
	ucontext_t *uc = ucv;
	if (si->si_code == SI_KERNEL && uc->uc_mcontext.gregs[REG_RIP] != 0)
		had_context++;
	if (n < TICKS)
		at[n++] = counter;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGPROF, &sa, NULL);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_PROF, &it, NULL);
	while (n < TICKS && counter < 400000000L)
		counter += 3;
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_PROF, &off, NULL);
	printf("%d SIGPROF samples at counter values:", n);
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\nsamples with a kernel siginfo and a context: %d\n", (int)had_context);
	return n != TICKS;
}

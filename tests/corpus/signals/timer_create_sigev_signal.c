/* timer_create(CLOCK_MONOTONIC, SIGEV_SIGNAL) with a 1 ms period delivering
 * SIGRTMIN+1 with a sival_int; the SA_SIGINFO handler checks si_code is
 * SI_TIMER and the value, and reads the loop counter at each of 30 ticks.
 * corpus: native=differs */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

enum { TICKS = 30 };
static volatile long counter;
static long at[TICKS];
static volatile int n, bad_info;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig != SIGRTMIN + 1 || si->si_code != SI_TIMER || si->si_value.sival_int != 77)
		bad_info++;
	if (n < TICKS)
		at[n++] = counter;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGRTMIN + 1, &sa, NULL);
	struct sigevent sev;
	memset(&sev, 0, sizeof sev);
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGRTMIN + 1;
	sev.sigev_value.sival_int = 77;
	timer_t tid;
	if (timer_create(CLOCK_MONOTONIC, &sev, &tid)) {
		perror("timer_create");
		return 1;
	}
	struct itimerspec its = { { 0, 1000000 }, { 0, 1000000 } };
	timer_settime(tid, 0, &its, NULL);
	while (n < TICKS && counter < 400000000L)
		counter++;
	timer_delete(tid);
	printf("%d ticks at counter values:", n);
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\nbad siginfo: %d\n", (int)bad_info);
	return bad_info || n != TICKS;
}

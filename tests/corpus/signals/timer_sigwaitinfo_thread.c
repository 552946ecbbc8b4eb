/* A POSIX timer's signal (SIGRTMIN+2, 1 ms period) blocked in every
 * thread and taken synchronously by a dedicated thread with sigwaitinfo,
 * which reads main's loop counter at each of 20 expirations while main
 * spins without syscalls.
 * corpus: native=differs */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

enum { TICKS = 20 };
static volatile long counter;
static long at[TICKS];
static volatile int n, bad_code;

static void *waiter(void *arg)
{
	sigset_t *set = arg;
	while (n < TICKS) {
		siginfo_t si;
		if (sigwaitinfo(set, &si) != SIGRTMIN + 2)
			break;
		if (si.si_code != SI_TIMER || si.si_value.sival_int != 5)
			bad_code++;
		at[n] = counter;
		n++;
	}
	return NULL;
}

int main(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_t t;
	pthread_create(&t, NULL, waiter, &set);
	struct sigevent sev;
	memset(&sev, 0, sizeof sev);
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGRTMIN + 2;
	sev.sigev_value.sival_int = 5;
	timer_t tid;
	timer_create(CLOCK_MONOTONIC, &sev, &tid);
	struct itimerspec its = { { 0, 1000000 }, { 0, 1000000 } };
	timer_settime(tid, 0, &its, NULL);
	while (n < TICKS && counter < 600000000L)
		counter++;
	pthread_join(t, NULL);
	timer_delete(tid);
	printf("%d expirations, bad siginfo %d; main counter at each:", n, (int)bad_code);
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\n");
	return n != TICKS || bad_code;
}

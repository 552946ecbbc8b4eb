/* ITIMER_PROF with three threads spinning at once: each SIGPROF goes to
 * the thread that used the CPU when the timer expired, so which thread gets
 * each of 30 ticks, and at which of its iterations, varies natively.
 * corpus: native=differs */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

enum { THREADS = 3, TICKS = 30 };
static __thread int me = -1;
static volatile long counter[THREADS + 1];
static int who[TICKS];
static long at[TICKS];
static volatile int n;

static void handler(int sig)
{
	(void)sig;
	if (n < TICKS) {
		who[n] = me;
		at[n] = me >= 0 ? counter[me] : -1;
		n++;
	}
}

static void *spin(void *arg)
{
	me = (int)(long)arg;
	while (n < TICKS && counter[me] < 300000000L)
		counter[me]++;
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGPROF, &sa, NULL);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_PROF, &it, NULL);
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, spin, (void *)i);
	me = THREADS;
	while (n < TICKS && counter[THREADS] < 300000000L)
		counter[THREADS]++;
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_PROF, &off, NULL);
	printf("ticks (thread:counter):");
	for (int i = 0; i < n; i++)
		printf(" %d:%ld", who[i], at[i]);
	printf("\n");
	return n < TICKS;
}

/* timer_create with SIGEV_THREAD_ID: the periodic SIGUSR1 goes to one
 * chosen thread (of two spinning), never to the other or to main. Which
 * thread got each tick is checked; the chosen thread's loop counter at each
 * of 20 ticks is printed.
 * corpus: native=differs */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { TICKS = 20 };
static __thread int me = -1;
static volatile long counter[2];
static long at[TICKS];
static volatile int n, wrong_thread;
static pthread_barrier_t started;
static volatile pid_t tids[2];

static void handler(int sig)
{
	(void)sig;
	if (me != 1)
		wrong_thread++;
	if (n < TICKS)
		at[n++] = me >= 0 ? counter[me] : -1;
}

static void *spinner(void *arg)
{
	me = (int)(long)arg;
	tids[me] = (pid_t)syscall(SYS_gettid);
	pthread_barrier_wait(&started);
	while (n < TICKS && counter[me] < 400000000L)
		counter[me]++;
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	pthread_t t[2];
	pthread_barrier_init(&started, NULL, 3);
	for (long i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, spinner, (void *)i);
	pthread_barrier_wait(&started);
	struct sigevent sev;
	memset(&sev, 0, sizeof sev);
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = SIGUSR1;
	sev._sigev_un._tid = tids[1];
	timer_t tid;
	if (timer_create(CLOCK_MONOTONIC, &sev, &tid)) {
		perror("timer_create");
		return 1;
	}
	struct itimerspec its = { { 0, 1000000 }, { 0, 1000000 } };
	timer_settime(tid, 0, &its, NULL);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	timer_delete(tid);
	printf("%d ticks, %d in the wrong thread; thread 1 counter at ticks:", n, (int)wrong_thread);
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\n");
	return wrong_thread || n != TICKS;
}

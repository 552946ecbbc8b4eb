/* exit() while three threads are in a 30 s nanosleep and one in
 * clock_nanosleep(TIMER_ABSTIME): the sleeps must be cut short by the
 * exit_group, both natively and under the recorder (no 30 s wait).
 * corpus: native=same */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static sem_t ready;

static void *sleeper(void *arg)
{
	(void)arg;
	struct timespec ts = { 30, 0 };
	sem_post(&ready);
	nanosleep(&ts, NULL);
	printf("sleeper woke: should not happen\n");
	return NULL;
}

static void *abs_sleeper(void *arg)
{
	(void)arg;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += 30;
	sem_post(&ready);
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
	printf("abs sleeper woke: should not happen\n");
	return NULL;
}

int main(void)
{
	pthread_t t[4];
	sem_init(&ready, 0, 0);
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, sleeper, NULL);
	pthread_create(&t[3], NULL, abs_sleeper, NULL);
	for (int i = 0; i < 4; i++)
		sem_wait(&ready);
	for (int i = 0; i < 20; i++)
		sched_yield();
	printf("4 sleepers; exit(0)\n");
	fflush(stdout);
	exit(0);
}

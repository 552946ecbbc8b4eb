/* Kind: broken barrier (counter reset race; fails by hanging)
 *
 * A hand-made reusable barrier for N = 2 threads: under a mutex each arrival
 * increments `arrived`; the last one advances `phase` and broadcasts, and
 * the others wait for the phase to change. The last arrival resets
 * `arrived = 0` only AFTER it has unlocked.
 *
 * Failing interleaving: the last thread of round r broadcasts, unlocks
 * and is preempted before its reset; a released thread runs on into
 * round r+1 and increments `arrived` (to N+1, or its increment is wiped
 * by the late reset); the late reset or the extra count means round r+1
 * never counts exactly N arrivals, and every thread waits for good. The
 * program hangs (the hang is the failure).
 *
 * Natively the reset follows the unlock by a few instructions, while a
 * released thread has to wake up and take the mutex first.
 *
 * FIXED: the reset is done under the lock, before the broadcast.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 2, ROUNDS = 20 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static volatile int arrived;
static volatile int phase;
static volatile int progress[N];	/* rounds each thread has finished */

static void barrier_wait(void)
{
	pthread_mutex_lock(&lock);
	int my_phase = phase;
	arrived = arrived + 1;
	if (arrived == N) {
		phase = my_phase + 1;
#ifdef FIXED
		arrived = 0;
#endif
		pthread_cond_broadcast(&cond);
		pthread_mutex_unlock(&lock);
#ifndef FIXED
		arrived = 0;	/* too late: released threads may have arrived again */
#endif
	} else {
		while (phase == my_phase)
			pthread_cond_wait(&cond, &lock);
		pthread_mutex_unlock(&lock);
	}
}

static void *worker(void *arg)
{
	int id = (int)(long)arg;
	for (int r = 1; r <= ROUNDS; r++) {
		progress[id] = r;
		barrier_wait();
		for (int j = 0; j < N; j++)
			if (progress[j] < r) {
				fprintf(stderr, "BUG: thread %d passed barrier %d before thread %d arrived\n",
					id, r, j);
				exit(1);
			}
	}
	return NULL;
}

int main(void)
{
	pthread_t t[N];
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	printf("ok rounds=%d phase=%d\n", ROUNDS, phase);
	return 0;
}

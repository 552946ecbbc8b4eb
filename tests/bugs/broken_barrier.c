/* Kind: broken barrier (counter reset race; fails by hanging)
 *
 * Two threads smooth an array together, each computing its half of the
 * next generation from the current one, ROUNDS times, with a hand-made
 * reusable barrier between rounds. Each arrival increments `arrived`
 * under a mutex; the last one advances `phase` and broadcasts, and the
 * other waits for the phase to change. Nobody resets the count when a
 * round completes: the first thread to arrive at the next round does,
 * lazily, when it finds the count still at N. That check and reset are
 * done BEFORE taking the mutex.
 *
 * Failing interleaving: at the start of round r+1 thread A finds
 * arrived == N (left over from round r) and is preempted before its
 * reset store; thread B arrives, finds N too, resets, and counts itself
 * (arrived = 1), then waits; A resumes, stores its reset, wiping out B's
 * arrival, and counts itself: arrived = 1 again, and A waits too. The
 * round never counts 2 arrivals: the program hangs (the hang is the
 * failure). A thread passing the barrier early would be caught by the
 * checksum: "BUG: element ... a thread passed the barrier early".
 *
 * Natively the two threads reach the next barrier microseconds apart
 * (one was woken, the other was not), and the check-and-reset takes a
 * few instructions.
 *
 * FIXED: the check and the reset are done under the mutex, with the
 * increment.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 2, ROUNDS = 20, SIZE = 8, MOD = 1000003 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static volatile int arrived;
static volatile int phase;
static int gen[2][SIZE];	/* round r reads gen[r % 2] and writes gen[(r + 1) % 2] */

static void barrier_wait(void)
{
#ifndef FIXED
	if (arrived == N)	/* left over from the round before: reset it */
		arrived = 0;	/* ... outside the lock */
#endif
	pthread_mutex_lock(&lock);
#ifdef FIXED
	if (arrived == N)
		arrived = 0;
#endif
	int my_phase = phase;
	arrived = arrived + 1;
	if (arrived == N) {
		phase = my_phase + 1;
		pthread_cond_broadcast(&cond);
	} else {
		while (phase == my_phase)
			pthread_cond_wait(&cond, &lock);
	}
	pthread_mutex_unlock(&lock);
}

static void *worker(void *arg)
{
	int id = (int)(long)arg;
	int lo = id * SIZE / N, hi = (id + 1) * SIZE / N;
	for (int r = 0; r < ROUNDS; r++) {
		const int *cur = gen[r % 2];
		int *next = gen[(r + 1) % 2];
		for (int i = lo; i < hi; i++) {
			int left = cur[(i + SIZE - 1) % SIZE], right = cur[(i + 1) % SIZE];
			next[i] = (int)(((long)left + 2L * cur[i] + right + i) % MOD);
		}
		barrier_wait();
	}
	return NULL;
}

int main(void)
{
	for (int i = 0; i < SIZE; i++)
		gen[0][i] = (i * 7919) % MOD;
	/* The same computation with no threads, to check the result. */
	static int ref[2][SIZE];
	for (int i = 0; i < SIZE; i++)
		ref[0][i] = gen[0][i];
	for (int r = 0; r < ROUNDS; r++)
		for (int i = 0; i < SIZE; i++) {
			const int *cur = ref[r % 2];
			int left = cur[(i + SIZE - 1) % SIZE], right = cur[(i + 1) % SIZE];
			ref[(r + 1) % 2][i] = (int)(((long)left + 2L * cur[i] + right + i) % MOD);
		}
	pthread_t t[N];
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	long sum = 0;
	for (int i = 0; i < SIZE; i++) {
		if (gen[ROUNDS % 2][i] != ref[ROUNDS % 2][i]) {
			fprintf(stderr, "BUG: element %d is %d, expected %d: a thread passed the barrier early\n",
				i, gen[ROUNDS % 2][i], ref[ROUNDS % 2][i]);
			return 1;
		}
		sum += gen[ROUNDS % 2][i];
	}
	printf("ok rounds=%d checksum=%ld\n", ROUNDS, sum);
	return 0;
}

/* Kind: lost update
 *
 * Two threads each add 1 to a shared global counter ITERS times with a
 * plain load, an add in a register and a store (the counter is volatile,
 * so the load and the store are separate instructions).
 *
 * Failing interleaving: thread A loads counter (say 7) and is preempted
 * before its store; thread B loads 7, stores 8 (and perhaps goes on for
 * many more rounds); A resumes and stores 8, erasing B's work. The total
 * ends below 2*ITERS and the program says "BUG: lost update".
 *
 * Natively the first thread has usually finished its ITERS rounds before
 * the second one is even running, so the bug rarely shows.
 *
 * FIXED: the load/add/store is done under a mutex.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS = 2, ITERS = 1000 };

static volatile int counter;
#ifdef FIXED
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
#endif

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITERS; i++) {
#ifdef FIXED
		pthread_mutex_lock(&lock);
#endif
		int v = counter;	/* load */
		v = v + 1;		/* compute */
		counter = v;		/* store: another thread's stores since the load are lost */
#ifdef FIXED
		pthread_mutex_unlock(&lock);
#endif
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	if (counter != THREADS * ITERS) {
		fprintf(stderr, "BUG: lost update: counter=%d, expected %d\n", counter, THREADS * ITERS);
		return 1;
	}
	printf("ok counter=%d\n", counter);
	return 0;
}

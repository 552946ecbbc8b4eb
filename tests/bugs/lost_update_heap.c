/* Kind: lost update through a pointer (heap struct, 4 threads)
 *
 * A struct allocated with malloc holds a hit counter; four threads get a
 * pointer to it and each adds 1 to stats->hits ITERS times with a plain
 * load and store through the pointer (the field is volatile).
 *
 * Failing interleaving: thread A loads stats->hits (say 40) and is
 * preempted before its store; another thread stores 41, 42, ...; A
 * resumes and stores 41, erasing them. The total ends below
 * THREADS*ITERS: "BUG: lost update".
 *
 * Natively each thread's 250 rounds take about a microsecond, less
 * than the time to create the next thread, so they rarely overlap.
 *
 * FIXED: the struct's own mutex is held around the update.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS = 4, ITERS = 250 };

struct stats {
	pthread_mutex_t lock;
	volatile long hits;
	long misses;
};

static void *worker(void *arg)
{
	struct stats *s = arg;
	for (int i = 0; i < ITERS; i++) {
#ifdef FIXED
		pthread_mutex_lock(&s->lock);
#endif
		long v = s->hits;	/* load through the pointer */
		s->hits = v + 1;	/* store: concurrent increments are lost */
#ifdef FIXED
		pthread_mutex_unlock(&s->lock);
#endif
	}
	return NULL;
}

int main(void)
{
	struct stats *s = malloc(sizeof *s);
	if (!s)
		return 2;
	pthread_mutex_init(&s->lock, NULL);
	s->hits = 0;
	s->misses = 0;
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, s);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	long hits = s->hits;
	free(s);
	if (hits != THREADS * ITERS) {
		fprintf(stderr, "BUG: lost update: hits=%ld, expected %d\n", hits, THREADS * ITERS);
		return 1;
	}
	printf("ok hits=%ld\n", hits);
	return 0;
}

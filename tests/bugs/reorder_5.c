/* Kind: N-thread order violation (N = 5)
 *
 * Main starts 5 worker threads one after the other; each one, as soon as
 * it runs, stores its number into one shared
 * slot, `last_writer` (a plain store: the last one stored wins). The code that reads the result assumes the workers run
 * roughly in the order they were created, and breaks on one rare order:
 * worker 0, the first one created, stores last.
 *
 * Failing interleaving: worker 0 is created but held back (preempted
 * before its store, or main keeps running) while workers 1 to 4 are
 * created and all store their numbers; then worker 0 stores and the slot
 * ends up 0.
 * "BUG: ..." is printed.
 *
 * Natively each worker is done within microseconds of its creation,
 * before main has created the next one, so they run in creation order.
 *
 * FIXED: the workers take turns: each waits (mutex and condition
 * variable) until the one created before it is done, so the order is
 * always 0, 1, ..., 4.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 5 };

static volatile int last_writer = -1;	/* the id stored last wins */

static void record(int id)
{
	last_writer = id;
}

#ifdef FIXED
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_cond = PTHREAD_COND_INITIALIZER;
static int turn;
#endif

static void *worker(void *arg)
{
	int id = (int)(long)arg;
#ifdef FIXED
	pthread_mutex_lock(&lock);
	while (turn != id)
		pthread_cond_wait(&turn_cond, &lock);
	record(id);
	turn++;
	pthread_cond_broadcast(&turn_cond);
	pthread_mutex_unlock(&lock);
#else
	record(id);
#endif
	return NULL;
}

int main(void)
{
	pthread_t t[N];
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	if (last_writer == 0) {
		fprintf(stderr, "BUG: thread 0 (the first one created) wrote the slot last\n");
		return 1;
	}
	if (last_writer < 0 || last_writer >= N) {
		fprintf(stderr, "BUG: slot holds %d\n", last_writer);
		return 1;
	}
	printf("ok writers=%d\n", N);
	return 0;
}

/* Kind: N-thread order violation (N = 3)
 *
 * Main starts 3 worker threads one after the other; each one, as soon as
 * it runs, appends its number to a shared log (the log index is taken
 * with an atomic fetch-and-add, so no entry is lost: the only race is
 * the order). The code that reads the log assumes the workers ran
 * roughly in the order they were created, and breaks on one order: the
 * log reads 2, 1, 0, the exact reverse of creation order.
 *
 * Failing interleaving: worker 0 is created but does not run yet (main
 * goes on, or worker 0 is preempted before it appends); neither does
 * worker 1; worker 2 appends first, then worker 1, then worker 0. Two
 * workers must be held back, the first one longest: "BUG: log order 2,
 * 1, 0".
 *
 * Natively the workers run roughly in creation order, but not exactly:
 * on this 2-CPU machine a worker is often held up behind main or another
 * worker for a while, so neighbours swap and an early worker may even
 * come last. What was never seen in native runs is the full reversal:
 * both early workers overtaken by the last one.
 *
 * FIXED: the workers take turns: each waits (mutex and condition
 * variable) until the one created before it is done, so the order is
 * always 0, 1, 2.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 3 };

static int log_entries[N];
static int log_len;

/* Append to the log: the index is taken atomically, so no entry is lost
 * (the only race is the order). */
static void record(int id)
{
	int i = __atomic_fetch_add(&log_len, 1, __ATOMIC_SEQ_CST);
	log_entries[i] = id;
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
	if (log_len != N) {
		fprintf(stderr, "BUG: log has %d entries, expected %d\n", log_len, N);
		return 1;
	}
	int reversed = 1;
	for (int i = 0; i < N; i++)
		if (log_entries[i] != N - 1 - i)
			reversed = 0;
	if (reversed) {
		fprintf(stderr, "BUG: log order 2, 1, 0: the exact reverse of creation order\n");
		return 1;
	}
	printf("ok entries=%d\n", log_len);
	return 0;
}

/* Kind: N-thread order violation (N = 5)
 *
 * Main starts 5 worker threads one after the other; each one, as soon as
 * it runs, tries to claim one shared slot, `first_writer`, with a
 * compare-and-swap (so the claim itself is race-free: the only race is
 * the order). The code that reads the slot assumes an early worker
 * claimed it, and breaks on one order: worker 4, the last one created,
 * claims it first.
 *
 * Failing interleaving: workers 0 to 3 are created but all held back
 * (main keeps running, or each is preempted before its claim) until
 * worker 4 has been created and has claimed the slot: "BUG: thread 4
 * (the last one created) claimed the slot first".
 *
 * Natively the workers run roughly in creation order, but not exactly:
 * on this 2-CPU machine a worker is often held up behind main or another
 * worker for a while, so neighbours swap and an early worker may even
 * come last. What was never seen in native runs is the last worker
 * overtaking all four earlier ones.
 *
 * FIXED: the workers take turns: each waits (mutex and condition
 * variable) until the one created before it is done, so the order is
 * always 0, 1, ..., 4.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 5 };

static int first_writer = -1;	/* the first id stored wins */

/* Claim the slot if nobody has (a compare-and-swap: no race but the
 * order). */
static void record(int id)
{
	int none = -1;
	__atomic_compare_exchange_n(&first_writer, &none, id, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
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
	if (first_writer == N - 1) {
		fprintf(stderr, "BUG: thread %d (the last one created) claimed the slot first\n", N - 1);
		return 1;
	}
	if (first_writer < 0 || first_writer >= N) {
		fprintf(stderr, "BUG: slot holds %d\n", first_writer);
		return 1;
	}
	printf("ok writers=%d\n", N);
	return 0;
}

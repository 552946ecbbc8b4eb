/* Kind: N-thread order violation (N = 10)
 *
 * Main starts 10 worker threads one after the other; each one, as soon
 * as it runs, appends its number to a shared log (the log index is taken
 * with an atomic fetch-and-add, so no entry is lost: the only race is
 * the order). The code that reads the log assumes the workers ran
 * roughly in the order they were created, and breaks on one order:
 * worker 9, the last one created, appends first.
 *
 * Failing interleaving: workers 0 to 8 are created but all held back
 * (main keeps running, or each is preempted before it appends) until
 * worker 9 has been created and has appended: "BUG: thread 9 (the last
 * one created) appended first".
 *
 * Natively the workers run roughly in creation order, but not exactly:
 * on this 2-CPU machine a worker is often held up behind main or another
 * worker for a while, so neighbours swap and an early worker may even
 * come last. What was never seen in native runs is the last worker
 * overtaking all nine earlier ones.
 *
 * FIXED: the workers take turns: each waits (mutex and condition
 * variable) until the one created before it is done, so the order is
 * always 0, 1, ..., 9.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 10 };

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
	if (log_entries[0] == N - 1) {
		fprintf(stderr, "BUG: thread %d (the last one created) appended first\n", N - 1);
		return 1;
	}
	printf("ok entries=%d\n", log_len);
	return 0;
}

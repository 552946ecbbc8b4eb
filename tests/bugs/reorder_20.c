/* Kind: N-thread order violation (N = 20)
 *
 * Main starts 20 worker threads one after the other; each one, as soon as
 * it runs, appends its number to a shared
 * log (the log index is taken with an atomic fetch-and-add, so no entry
 * is lost: the only race is the order). The code that reads the result assumes the workers run
 * roughly in the order they were created, and breaks on one rare order:
 * worker 0, the first one created, appends last.
 *
 * Failing interleaving: worker 0 is created but held back (preempted
 * before it appends, or main keeps running) while all 19 later workers
 * are created and append; worker 0 appends last.
 * "BUG: ..." is printed.
 *
 * Natively each worker is done within microseconds of its creation,
 * before main has created the next one, so they run in creation order.
 *
 * FIXED: the workers take turns: each waits (mutex and condition
 * variable) until the one created before it is done, so the order is
 * always 0, 1, ..., 19.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 20 };

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
	if (log_entries[N - 1] == 0) {
		fprintf(stderr, "BUG: thread 0 (the first one created) appended last\n");
		return 1;
	}
	printf("ok entries=%d\n", log_len);
	return 0;
}

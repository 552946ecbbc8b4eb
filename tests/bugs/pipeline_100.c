/* Kind: two-stage pipeline with a buggy hand-off flag, 100 threads
 *
 * 50 producer threads each hand one distinct number (1..50) to 50
 * consumer threads through one shared one-item mailbox. As in pipeline.c,
 * a producer claims the mailbox (full = 1) under the lock and writes the
 * item only after unlocking.
 *
 * Failing interleaving: a producer sets full = 1, unlocks and is
 * preempted before its slot store; a consumer takes the lock, sees
 * full == 1 and takes whatever the slot held before (the previous item,
 * or 0): an item is seen twice or never, "BUG: item ... taken ... times".
 *
 * Natively consumers are asleep on the condition variable when a producer
 * claims the mailbox, and a consumer that has to be woken from the mutex
 * takes microseconds, while the slot store follows the unlock at once.
 *
 * FIXED: the item is stored before full is set, both under the lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { PRODUCERS = 50, CONSUMERS = 50 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static volatile int full;
static volatile int slot;
static int taken[PRODUCERS + 1];	/* how often each item was consumed */

static void *producer(void *arg)
{
	int item = (int)(long)arg;
	pthread_mutex_lock(&lock);
	while (full)
		pthread_cond_wait(&not_full, &lock);
#ifdef FIXED
	slot = item;
	full = 1;
	pthread_mutex_unlock(&lock);
#else
	full = 1;		/* claims the mailbox ... */
	pthread_mutex_unlock(&lock);
	slot = item;		/* ... and fills it outside the lock */
#endif
	pthread_cond_signal(&not_empty);
	return NULL;
}

static void *consumer(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (!full)
		pthread_cond_wait(&not_empty, &lock);
	int v = slot;
	full = 0;
	if (v >= 0 && v <= PRODUCERS)
		taken[v]++;
	pthread_cond_signal(&not_full);
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t p[PRODUCERS], c[CONSUMERS];
	for (long i = 0; i < CONSUMERS; i++)
		pthread_create(&c[i], NULL, consumer, NULL);
	for (long i = 0; i < PRODUCERS; i++)
		pthread_create(&p[i], NULL, producer, (void *)(i + 1));
	for (int i = 0; i < PRODUCERS; i++)
		pthread_join(p[i], NULL);
	for (int i = 0; i < CONSUMERS; i++)
		pthread_join(c[i], NULL);
	long sum = 0;
	for (int v = 0; v <= PRODUCERS; v++) {
		int want = v == 0 ? 0 : 1;
		if (taken[v] != want) {
			fprintf(stderr, "BUG: item %d taken %d times\n", v, taken[v]);
			return 1;
		}
		sum += (long)v * taken[v];
	}
	printf("ok items=%d sum=%ld\n", PRODUCERS, sum);
	return 0;
}

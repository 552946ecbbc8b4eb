/* Kind: two-stage pipeline with a buggy hand-off flag
 *
 * A producer hands ITEMS numbers (1, 2, ...) to a consumer through a
 * one-item mailbox: `full` says whether the mailbox holds an item, and
 * both sides wait on condition variables under one mutex. The producer
 * claims the mailbox (full = 1) under the lock but writes the item into
 * it only AFTER unlocking.
 *
 * Failing interleaving: the producer sets full = 1, unlocks and is
 * preempted before it writes `slot`; the consumer takes the lock, sees
 * full == 1, and takes the previous item again (or 0): "BUG: consumer got
 * item i-1, expected i".
 *
 * Natively the consumer is asleep on its condition variable when the
 * producer claims the mailbox, and it is only woken by the signal that
 * follows the slot store.
 *
 * FIXED: the item is written into the mailbox before full is set, both
 * under the lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { ITEMS = 50 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static volatile int full;
static volatile int slot;

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&lock);
		while (full)
			pthread_cond_wait(&not_full, &lock);
#ifdef FIXED
		slot = i;
		full = 1;
		pthread_mutex_unlock(&lock);
#else
		full = 1;		/* claims the mailbox ... */
		pthread_mutex_unlock(&lock);
		slot = i;		/* ... and fills it outside the lock */
#endif
		pthread_cond_signal(&not_empty);
	}
	return NULL;
}

static long sum;

static void *consumer(void *arg)
{
	(void)arg;
	for (int expect = 1; expect <= ITEMS; expect++) {
		pthread_mutex_lock(&lock);
		while (!full)
			pthread_cond_wait(&not_empty, &lock);
		int v = slot;
		full = 0;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&lock);
		if (v != expect) {
			fprintf(stderr, "BUG: consumer got item %d, expected %d\n", v, expect);
			exit(1);
		}
		sum += v;
	}
	return NULL;
}

int main(void)
{
	pthread_t p, c;
	pthread_create(&c, NULL, consumer, NULL);
	pthread_create(&p, NULL, producer, NULL);
	pthread_join(p, NULL);
	pthread_join(c, NULL);
	printf("ok items=%d sum=%ld\n", ITEMS, sum);
	return 0;
}

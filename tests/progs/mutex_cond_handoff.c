/* Two threads hand work over through a one-slot mailbox guarded by a mutex
 * and two condition variables.  The producer puts the numbers 1..ITEMS in
 * the slot, the consumer takes them out; both print under the lock, so the
 * lines strictly alternate and the output is the same on every run.  A
 * summary goes to stderr so that the replay of stderr is exercised too. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define ITEMS 100

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slot_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t slot_full = PTHREAD_COND_INITIALIZER;
static int slot;      /* 0 = empty, otherwise the item */
static long consumed; /* sum of the items taken */

static void *consumer(void *arg)
{
	(void)arg;
	for (int n = 0; n < ITEMS; n++) {
		pthread_mutex_lock(&lock);
		while (slot == 0)
			pthread_cond_wait(&slot_full, &lock);
		int item = slot;
		slot = 0;
		consumed += item * item;
		printf("consumer: took %d (sum of squares %ld)\n", item, consumed);
		pthread_cond_signal(&slot_empty);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, consumer, NULL) != 0) {
		fprintf(stderr, "pthread_create failed\n");
		return 1;
	}
	for (int item = 1; item <= ITEMS; item++) {
		pthread_mutex_lock(&lock);
		while (slot != 0)
			pthread_cond_wait(&slot_empty, &lock);
		slot = item;
		printf("producer: put %d\n", item);
		pthread_cond_signal(&slot_full);
		pthread_mutex_unlock(&lock);
	}
	pthread_join(t, NULL);

	long expect = (long)ITEMS * (ITEMS + 1) * (2 * ITEMS + 1) / 6;
	printf("done: %d items, sum of squares %ld\n", ITEMS, consumed);
	fprintf(stderr, "handoff summary: %s (expected %ld)\n",
		consumed == expect ? "ok" : "WRONG", expect);
	return consumed == expect ? 0 : 1;
}

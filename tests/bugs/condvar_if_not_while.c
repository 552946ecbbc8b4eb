/* Kind: condition wait under `if` instead of `while` (stolen wakeup)
 *
 * Two consumers take 10 jobs each from a queue that one producer fills
 * with 20 jobs. A consumer waits for a job with
 *     if (count == 0) pthread_cond_wait(...);
 * and takes a job as soon as the wait returns, without checking again.
 *
 * Failing interleaving: consumer 1 runs before the producer and waits on
 * the empty queue; the producer adds a job and signals, waking consumer
 * 1; before consumer 1 has the mutex back, consumer 2 (not waiting, just
 * arriving) takes the lock and the job; consumer 1 then returns from its
 * wait to an empty queue: "BUG: woke up to an empty queue".
 *
 * Natively the producer, started first, has queued all 20 jobs before the
 * consumers run, so no consumer ever waits.
 *
 * FIXED: the wait is in a `while (count == 0)` loop.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { JOBS = 20, CONSUMERS = 2 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static int queue[JOBS];
static int head, count;
static long total;

static void *consumer(void *arg)
{
	(void)arg;
	for (int i = 0; i < JOBS / CONSUMERS; i++) {
		pthread_mutex_lock(&lock);
#ifdef FIXED
		while (count == 0)
#else
		if (count == 0)
#endif
			pthread_cond_wait(&not_empty, &lock);
		if (count == 0) {
			fprintf(stderr, "BUG: woke up to an empty queue\n");
			exit(1);
		}
		int job = queue[head++];
		count--;
		total += job;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void *producer(void *arg)
{
	(void)arg;
	for (int j = 1; j <= JOBS; j++) {
		pthread_mutex_lock(&lock);
		queue[head + count] = j;
		count++;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t c[CONSUMERS], p;
	pthread_create(&p, NULL, producer, NULL);
	for (int i = 0; i < CONSUMERS; i++)
		pthread_create(&c[i], NULL, consumer, NULL);
	for (int i = 0; i < CONSUMERS; i++)
		pthread_join(c[i], NULL);
	pthread_join(p, NULL);
	printf("ok jobs=%d total=%ld\n", JOBS, total);
	return 0;
}

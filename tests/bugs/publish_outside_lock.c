/* Kind: publication outside the lock (flag set before the data)
 *
 * A writer publishes a value to a reader: the reader waits under the
 * mutex until `ready` is set, then reads `data`. The writer sets
 * `ready = 1` BEFORE taking the lock and storing the data.
 *
 * Failing interleaving: the writer stores ready=1 and is preempted before
 * it takes the lock; the reader takes the lock, sees ready == 1 without
 * waiting, and reads data, still 0: "BUG: read unpublished data".
 * (If the reader is already waiting, the writer's broadcast after the
 * data store wakes it and all is well.)
 *
 * Natively the reader, created first, is nearly always already waiting,
 * and the window between the flag store and the lock is a few
 * instructions.
 *
 * FIXED: the flag is set under the lock, after the data.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static volatile int ready;
static volatile int data;

static void *reader(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (!ready)
		pthread_cond_wait(&cond, &lock);
	int d = data;
	pthread_mutex_unlock(&lock);
	if (d != 42) {
		fprintf(stderr, "BUG: read unpublished data: data=%d after ready was set\n", d);
		exit(1);
	}
	return NULL;
}

static void *writer(void *arg)
{
	(void)arg;
#ifndef FIXED
	ready = 1;	/* published before the data exists */
#endif
	pthread_mutex_lock(&lock);
	data = 42;
#ifdef FIXED
	ready = 1;
#endif
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t r, w;
	pthread_create(&r, NULL, reader, NULL);
	pthread_create(&w, NULL, writer, NULL);
	pthread_join(r, NULL);
	pthread_join(w, NULL);
	printf("ok data=%d\n", data);
	return 0;
}

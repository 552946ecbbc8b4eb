/* Kind: wrong lock (the same data protected by two different mutexes)
 *
 * A shared event counter is updated by a network thread under net_lock
 * and by a disk thread under disk_lock. Each thread does take "a" lock
 * around its load/add/store, but not the same one, so they exclude
 * nothing from each other.
 *
 * Failing interleaving: the network thread, holding net_lock, loads the
 * counter and is preempted before its store; the disk thread, holding
 * disk_lock (free to take), increments the counter; the network thread
 * stores its stale value: "BUG: lost update".
 *
 * Natively each thread's rounds are over before the other one runs.
 *
 * FIXED: both threads use the counter's one lock, events_lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { ITERS = 100 };

#ifdef FIXED
static pthread_mutex_t events_lock = PTHREAD_MUTEX_INITIALIZER;
#else
static pthread_mutex_t net_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t disk_lock = PTHREAD_MUTEX_INITIALIZER;
#endif
static volatile long events;

static void count_event(pthread_mutex_t *m)
{
	pthread_mutex_lock(m);
	long v = events;
	events = v + 1;
	pthread_mutex_unlock(m);
}

static void *net_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITERS; i++)
#ifdef FIXED
		count_event(&events_lock);
#else
		count_event(&net_lock);
#endif
	return NULL;
}

static void *disk_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITERS; i++)
#ifdef FIXED
		count_event(&events_lock);
#else
		count_event(&disk_lock);	/* a different lock for the same counter */
#endif
	return NULL;
}

int main(void)
{
	pthread_t a, b;
	pthread_create(&a, NULL, net_thread, NULL);
	pthread_create(&b, NULL, disk_thread, NULL);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	if (events != 2 * ITERS) {
		fprintf(stderr, "BUG: lost update: events=%ld, expected %d\n", events, 2 * ITERS);
		return 1;
	}
	printf("ok events=%ld\n", events);
	return 0;
}

/* Kind: lost wakeup, predicate checked outside the lock (fails by hanging)
 *
 * A worker waits for main to say "done". It checks the flag WITHOUT the
 * lock and, if it is not set, notes that it is going to sleep, takes the
 * lock and waits once on the condition variable, without checking the
 * flag again. Main sets the flag and signals under the lock.
 *
 * Failing interleaving: the worker reads done == 0 and is preempted
 * before it takes the lock; main takes the lock, sets done, signals
 * (nobody is waiting yet: the signal is lost) and goes to join; the
 * worker resumes, locks and waits for a signal that already came. The
 * program hangs (the hang is the failure).
 *
 * Natively main sets the flag before the new worker has even started, and
 * the worker then does not wait at all.
 *
 * FIXED: the flag is checked under the lock, in a loop around the wait.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static volatile int done;
static volatile int sleepers;	/* statistics: how often the worker went to sleep */

static void *worker(void *arg)
{
	(void)arg;
#ifdef FIXED
	pthread_mutex_lock(&lock);
	while (!done) {
		sleepers = sleepers + 1;
		pthread_cond_wait(&cond, &lock);
	}
	pthread_mutex_unlock(&lock);
#else
	if (!done) {			/* checked outside the lock */
		sleepers = sleepers + 1;
		pthread_mutex_lock(&lock);
		pthread_cond_wait(&cond, &lock);	/* no re-check: may wait forever */
		pthread_mutex_unlock(&lock);
	}
#endif
	return NULL;
}

int main(void)
{
	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
	pthread_mutex_lock(&lock);
	done = 1;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	pthread_join(t, NULL);
	printf("ok done=%d\n", done);
	return 0;
}

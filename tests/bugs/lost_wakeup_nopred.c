/* Kind: lost wakeup, no predicate at all (fails by hanging)
 *
 * A waiter thread takes the lock and waits on a condition variable for a
 * "go" that a notifier thread (started after it) sends with
 * pthread_cond_signal under the same lock. There is no flag behind the
 * signal: the waiter does not check anything, so a signal sent before the
 * waiter is waiting is simply gone.
 *
 * Failing interleaving: the notifier runs first (the waiter is preempted
 * before it takes the lock, or just starts late), signals nobody and
 * exits; the waiter then waits for good. The program hangs (the hang is
 * the failure).
 *
 * Natively the waiter, created first, is nearly always already waiting
 * when the notifier, created later, sends its signal.
 *
 * FIXED: "go" is a flag set under the lock, and the waiter waits in a
 * loop while it is not set.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go_cond = PTHREAD_COND_INITIALIZER;
#ifdef FIXED
static int go;
#endif
static int work_done;

static void *waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
#ifdef FIXED
	while (!go)
		pthread_cond_wait(&go_cond, &lock);
#else
	pthread_cond_wait(&go_cond, &lock);	/* waits for a signal, not for a state */
#endif
	work_done = 1;
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void *notifier(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
#ifdef FIXED
	go = 1;
#endif
	pthread_cond_signal(&go_cond);	/* lost if nobody waits yet */
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t w, n;
	pthread_create(&w, NULL, waiter, NULL);
	pthread_create(&n, NULL, notifier, NULL);
	pthread_join(w, NULL);
	pthread_join(n, NULL);
	printf("ok work_done=%d\n", work_done);
	return 0;
}

/* Kind: lost wakeup, no predicate at all (fails by hanging)
 *
 * A waiter thread tells main it is ready (a flag and a signal under the
 * lock), RELEASES the lock, takes it again and waits for a "go" signal.
 * Main, once the waiter is ready, starts a notifier thread that sends
 * "go" with a bare pthread_cond_signal: there is no flag behind it, so a
 * "go" sent while the waiter is between its unlock and its wait is gone.
 *
 * Failing interleaving: the waiter announces readiness and is preempted
 * right after its unlock; main sees it ready and starts the notifier,
 * which signals "go" to nobody; the waiter then locks and waits for good.
 * The program hangs (the hang is the failure).
 *
 * Natively, from the waiter's unlock to its wait is a few instructions,
 * while main has to wake up and create a whole thread before the "go"
 * can come.
 *
 * FIXED: "go" is a flag set under the lock, and the waiter announces
 * readiness and waits for the flag in one critical section.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t go_cond = PTHREAD_COND_INITIALIZER;
static int waiter_ready;
#ifdef FIXED
static int go;
#endif
static int work_done;

static void *waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	waiter_ready = 1;
	pthread_cond_signal(&ready_cond);
#ifdef FIXED
	while (!go)
		pthread_cond_wait(&go_cond, &lock);
#else
	pthread_mutex_unlock(&lock);
	/* window: "go" may be signalled right here, to nobody */
	pthread_mutex_lock(&lock);
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
	pthread_mutex_lock(&lock);
	while (!waiter_ready)
		pthread_cond_wait(&ready_cond, &lock);
	pthread_mutex_unlock(&lock);
	pthread_create(&n, NULL, notifier, NULL);
	pthread_join(w, NULL);
	pthread_join(n, NULL);
	printf("ok work_done=%d\n", work_done);
	return 0;
}

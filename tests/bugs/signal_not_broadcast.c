/* Kind: signal instead of broadcast (a lost wakeup; fails by hanging)
 *
 * Two workers wait for a start flag: each takes the lock and waits on
 * the condition variable while `started` is 0. Main sets the flag and
 * wakes them with pthread_cond_signal, which wakes at most ONE waiter.
 *
 * Failing interleaving: both workers reach their wait before main sets
 * the flag; main's single signal wakes one of them; the other waits for
 * good. The program hangs (the hang is the failure). If at least one
 * worker comes to the lock after the flag is set, it does not wait at
 * all and the single signal is enough.
 *
 * Natively main sets the flag right after creating the second worker,
 * before that worker can reach its wait.
 *
 * FIXED: main wakes all waiters with pthread_cond_broadcast.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { WORKERS = 2 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int started;
static int ran;

static void *worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	while (!started)
		pthread_cond_wait(&cond, &lock);
	ran++;
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(void)
{
	pthread_t t[WORKERS];
	for (int i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	pthread_mutex_lock(&lock);
	started = 1;
#ifdef FIXED
	pthread_cond_broadcast(&cond);
#else
	pthread_cond_signal(&cond);	/* wakes one waiter only */
#endif
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < WORKERS; i++)
		pthread_join(t[i], NULL);
	printf("ok ran=%d\n", ran);
	return 0;
}

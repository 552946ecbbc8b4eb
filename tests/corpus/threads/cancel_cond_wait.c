/* Deferred cancellation of four threads blocked in pthread_cond_wait:
 * each reacquires the mutex before its cleanup handler runs, which must
 * unlock it, or the next cancellation deadlocks.
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>

enum { THREADS = 4 };
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c = PTHREAD_COND_INITIALIZER;
static int waiting, cleanups, owned_in_cleanup;

static void unlock(void *arg)
{
	(void)arg;
	/* the mutex is ours again here: trylock by the owner of a normal
	 * mutex would deadlock, so count and unlock */
	cleanups++;
	if (pthread_mutex_unlock(&m) == 0)
		owned_in_cleanup++;
}

static void *waiter(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	pthread_cleanup_push(unlock, NULL);
	waiting++;
	pthread_cond_broadcast(&c);
	for (int i = 0; i < 1000; i++)
		pthread_cond_wait(&c, &m);
	pthread_cleanup_pop(1);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, waiter, NULL);
	pthread_mutex_lock(&m);
	while (waiting < THREADS)
		pthread_cond_wait(&c, &m);
	pthread_mutex_unlock(&m);
	int canceled = 0;
	for (int i = 0; i < THREADS; i++) {
		void *ret;
		pthread_cancel(t[i]);
		pthread_join(t[i], &ret);
		canceled += ret == PTHREAD_CANCELED;
	}
	int relock = pthread_mutex_trylock(&m);
	printf("canceled %d of %d, cleanups %d, unlocked in cleanup %d, mutex free: %s\n",
	       canceled, THREADS, cleanups, owned_in_cleanup, relock == 0 ? "yes" : "no");
	return !(canceled == THREADS && cleanups == THREADS && relock == 0);
}

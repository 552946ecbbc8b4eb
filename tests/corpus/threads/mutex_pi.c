/* PTHREAD_PRIO_INHERIT mutexes (FUTEX_LOCK_PI underneath) under
 * contention by five threads, a PI + errorcheck mutex returning EDEADLK,
 * and a PI mutex held across a condvar wait.
 * corpus: native=same */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>

enum { THREADS = 5, ROUNDS = 400 };
static pthread_mutex_t m, chk;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter;
static int ready;

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&m);
		long c = counter;
		if (i % 50 == 0)
			sched_yield();
		counter = c + 1;
		pthread_mutex_unlock(&m);
	}
	return NULL;
}

static void *signaller(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	ready = 1;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&m);
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	if (pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT) != 0)
		return 1;
	pthread_mutex_init(&m, &a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&chk, &a);
	pthread_mutex_lock(&chk);
	printf("PI errorcheck relock: %s\n", pthread_mutex_lock(&chk) == EDEADLK ? "EDEADLK" : "?");
	pthread_mutex_unlock(&chk);

	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("PI mutex counter %ld (expected %d)\n", counter, THREADS * ROUNDS);

	pthread_mutex_lock(&m);
	pthread_t s;
	pthread_create(&s, NULL, signaller, NULL);
	while (!ready)
		pthread_cond_wait(&cv, &m);
	pthread_mutex_unlock(&m);
	pthread_join(s, NULL);
	printf("condvar wait on a PI mutex: woken\n");
	return counter != THREADS * ROUNDS;
}

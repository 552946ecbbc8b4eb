/* Normal, recursive and errorcheck mutexes: recursion depth on the
 * recursive one, EDEADLK and EPERM from the errorcheck one, EBUSY from
 * trylock, then four threads incrementing a counter under each kind.
 * corpus: native=same */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

enum { THREADS = 4, ROUNDS = 5000 };
static pthread_mutex_t normal = PTHREAD_MUTEX_INITIALIZER, rec, chk;
static long counter;

static const char *e(int r)
{
	return r == 0 ? "0" : r == EDEADLK ? "EDEADLK" : r == EPERM ? "EPERM" : r == EBUSY ? "EBUSY" : strerror(r);
}

static void *other_thread_ops(void *arg)
{
	(void)arg;
	int u = pthread_mutex_unlock(&chk);
	int r = pthread_mutex_trylock(&rec);
	int n = pthread_mutex_trylock(&normal);
	printf("  from another thread: errorcheck unlock %s, recursive trylock %s, normal trylock %s\n",
	       e(u), e(r), e(n));
	return NULL;
}

static void *worker(void *arg)
{
	pthread_mutex_t *m = arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(m);
		if (m == &rec)
			pthread_mutex_lock(m);
		counter++;
		if (m == &rec)
			pthread_mutex_unlock(m);
		pthread_mutex_unlock(m);
	}
	return NULL;
}

int main(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&rec, &a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&chk, &a);

	int depth = 0;
	for (int i = 0; i < 10; i++)
		depth += pthread_mutex_lock(&rec) == 0;
	printf("recursive: locked %d times, trylock by owner %s\n", depth,
	       e(pthread_mutex_trylock(&rec)));
	pthread_mutex_unlock(&rec);
	int first = pthread_mutex_lock(&chk);
	int again = pthread_mutex_lock(&chk);
	printf("errorcheck: lock %s, relock %s\n", e(first), e(again));
	pthread_mutex_lock(&normal);
	pthread_t t;
	pthread_create(&t, NULL, other_thread_ops, NULL);
	pthread_join(t, NULL);
	pthread_mutex_unlock(&normal);
	pthread_mutex_unlock(&chk);
	printf("errorcheck: unlock when unlocked %s\n", e(pthread_mutex_unlock(&chk)));
	for (int i = 0; i < 10; i++)
		pthread_mutex_unlock(&rec);
	printf("recursive: unlock when unlocked %s\n", e(pthread_mutex_unlock(&rec)));

	pthread_mutex_t *kinds[3] = { &normal, &rec, &chk };
	const char *names[3] = { "normal", "recursive", "errorcheck" };
	for (int k = 0; k < 3; k++) {
		counter = 0;
		pthread_t w[THREADS];
		for (int i = 0; i < THREADS; i++)
			pthread_create(&w[i], NULL, worker, kinds[k]);
		for (int i = 0; i < THREADS; i++)
			pthread_join(w[i], NULL);
		printf("%s: counter %ld (expected %d)\n", names[k], counter, THREADS * ROUNDS);
		if (counter != THREADS * ROUNDS)
			return 1;
	}
	return 0;
}

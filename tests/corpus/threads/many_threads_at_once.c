/* 64 threads alive at the same time, all blocked on one barrier before
 * they each add to an atomic sum, then joined in reverse order: many
 * concurrent tids for the recorder to track.
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>

enum { THREADS = 64 };
static pthread_barrier_t bar;
static long sum;

static void *worker(void *arg)
{
	long id = (long)arg;
	pthread_barrier_wait(&bar);
	__atomic_fetch_add(&sum, id + 1, __ATOMIC_SEQ_CST);
	return (void *)id;
}

int main(void)
{
	pthread_t t[THREADS];
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	pthread_barrier_init(&bar, NULL, THREADS);
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], &attr, worker, (void *)i) != 0)
			return 1;
	int bad = 0;
	for (int i = THREADS - 1; i >= 0; i--) {
		void *r;
		pthread_join(t[i], &r);
		bad += (long)r != i;
	}
	printf("%d threads, sum %ld, bad returns %d\n", THREADS, sum, bad);
	return sum != THREADS * (THREADS + 1) / 2 || bad;
}

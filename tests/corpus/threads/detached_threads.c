/* 100 detached threads each post a semaphore and exit on their own
 * (nobody joins them; glibc frees their stacks): main counts the posts.
 * corpus: native=same */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

enum { THREADS = 100 };
static sem_t done;
static long total;

static void *worker(void *arg)
{
	__atomic_fetch_add(&total, (long)arg, __ATOMIC_SEQ_CST);
	sem_post(&done);
	return NULL;
}

int main(void)
{
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	sem_init(&done, 0, 0);
	pthread_t last = 0;
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&last, &attr, worker, (void *)i) != 0)
			return 1;
	for (int i = 0; i < THREADS; i++)
		sem_wait(&done);
	pthread_t self_detached;
	pthread_create(&self_detached, NULL, worker, (void *)0);
	int r = pthread_detach(self_detached);
	sem_wait(&done);
	printf("%d detached threads posted, total %ld; pthread_detach after create: %d\n",
	       THREADS, total, r);
	return total != THREADS * (THREADS - 1) / 2;
}

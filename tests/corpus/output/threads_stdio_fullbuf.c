/* Four threads printf to one fully buffered stdout (a pipe): stdio's lock
 * keeps each printf whole, the buffer is flushed in 4 KiB writes that
 * cut lines, and the order of the lines is the scheduler's.
 * corpus: native=differs */
#include <pthread.h>
#include <stdio.h>

enum { THREADS = 4, LINES = 400 };
static pthread_barrier_t start;

static void *writer(void *arg)
{
	long id = (long)arg;
	pthread_barrier_wait(&start);
	for (int i = 0; i < LINES; i++)
		if (printf("thread %ld says line %d\n", id, i) < 0)
			return (void *)1;
	return NULL;
}

int main(void)
{
	pthread_barrier_init(&start, NULL, THREADS);
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, writer, (void *)i);
	int bad = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += r != NULL;
	}
	printf("done, %d writers failed\n", bad);
	return bad != 0;
}

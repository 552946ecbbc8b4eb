/* Four threads increment a shared counter without a lock (a load and a
 * store with a yield-free window between them): lost updates make the
 * total vary from run to run, and the replay must lose the same ones.
 * corpus: native=differs */
#include <pthread.h>
#include <stdio.h>

enum { THREADS = 4, ROUNDS = 300000 };
static pthread_barrier_t start;
static volatile long counter;
static long last_writer_changes;
static volatile int last_writer = -1;

static void *worker(void *arg)
{
	int id = (int)(long)arg;
	pthread_barrier_wait(&start);
	for (int i = 0; i < ROUNDS; i++) {
		long c = counter;
		for (volatile int d = 0; d < 3; d++)
			;
		counter = c + 1;
		if (last_writer != id) {
			last_writer = id;
			last_writer_changes++;
		}
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	pthread_barrier_init(&start, NULL, THREADS);
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("counter %ld of %d (lost %ld), writer changes %ld\n", counter, THREADS * ROUNDS,
	       THREADS * ROUNDS - counter, last_writer_changes);
	return 0;
}

/* Three threads write numbered lines to stdout in a loop while the main
 * thread calls exit() after its own lines: the process ends in the
 * middle of their writes, so how many lines each got out varies.
 * corpus: native=differs */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { THREADS = 3 };
static pthread_barrier_t start;

static void *writer(void *arg)
{
	long id = (long)arg;
	char line[64];
	pthread_barrier_wait(&start);
	for (long i = 0; i < 20000; i++) {
		int n = snprintf(line, sizeof line, "thread %ld line %ld\n", id, i);
		if (write(1, line, (size_t)n) != n)
			break;
	}
	return NULL;
}

int main(void)
{
	pthread_barrier_init(&start, NULL, THREADS + 1);
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, writer, (void *)i);
	pthread_barrier_wait(&start);
	char line[64];
	for (int i = 0; i < 200; i++) {
		int n = snprintf(line, sizeof line, "main line %d\n", i);
		if (write(1, line, (size_t)n) != n)
			return 1;
	}
	printf("main exits now\n");
	exit(0);	/* the writers are still running */
}

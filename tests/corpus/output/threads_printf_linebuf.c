/* Four threads printf lines to one stdout made line buffered with
 * setvbuf: stdio's lock orders the lines, each line is one write(2), and
 * the order the threads win the lock is the scheduler's.
 * corpus: native=differs */
#include <pthread.h>
#include <stdio.h>

enum { THREADS = 4, LINES = 200 };

static void *writer(void *arg)
{
	long id = (long)arg;
	for (int i = 0; i < LINES; i++)
		if (printf("thread %ld line %d\n", id, i) < 0)
			return (void *)1;
	return NULL;
}

int main(void)
{
	static char buf[256];
	if (setvbuf(stdout, buf, _IOLBF, sizeof buf) != 0) {
		fprintf(stderr, "setvbuf failed\n");
		return 1;
	}
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

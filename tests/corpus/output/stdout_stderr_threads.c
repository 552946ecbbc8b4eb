/* Three threads each write lines alternately to stdout and stderr with
 * write(2): the order within each stream depends on the scheduling of the
 * threads, and both streams must replay byte for byte.
 * corpus: native=differs */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

enum { THREADS = 3, LINES = 200 };

static void *writer(void *arg)
{
	long id = (long)arg;
	char line[64];
	for (int i = 0; i < LINES; i++) {
		int fd = 1 + ((i + (int)id) & 1);
		int n = snprintf(line, sizeof line, "thread %ld %s %d\n", id,
				 fd == 1 ? "out" : "err", i);
		if (write(fd, line, (size_t)n) != n)
			return (void *)1;
	}
	return NULL;
}

int main(void)
{
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
	fprintf(stderr, "stderr done\n");
	return bad != 0;
}

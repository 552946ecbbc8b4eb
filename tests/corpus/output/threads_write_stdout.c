/* Four threads write lines to one stdout at once, with write(2): the
 * order in which the lines reach stdout is the kernel's, and the replay
 * must re-emit them in that order.
 * corpus: native=differs */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { THREADS = 4, LINES = 300 };

static void *writer(void *arg)
{
	long id = (long)arg;
	char line[64];
	for (int i = 0; i < LINES; i++) {
		int n = snprintf(line, sizeof line, "thread %ld line %d\n", id, i);
		if (write(1, line, (size_t)n) != n)
			return (void *)1;
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, writer, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("done\n");
	return 0;
}

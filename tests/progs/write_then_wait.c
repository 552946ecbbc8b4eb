/* Two threads write numbered lines to stdout (LINES each), then the
 * program waits to be stopped: a recording of it is ended by a signal to
 * the recorder somewhere in or after the writing. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

enum { LINES = 1500 };

static void *writer(void *arg)
{
	char line[48];
	for (int i = 0; i < LINES; i++) {
		int n = snprintf(line, sizeof line, "thread %ld line %d\n", (long)arg, i);
		if (write(1, line, (size_t)n) != n)
			break;
	}
	return NULL;
}

int main(void)
{
	pthread_t t;
	pthread_create(&t, NULL, writer, (void *)1L);
	writer((void *)0L);
	pthread_join(t, NULL);
	for (;;)
		pause();
}

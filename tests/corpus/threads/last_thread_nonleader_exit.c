/* The leader pthread_exits first; the last thread alive is a non-leader
 * that calls exit(7) after the others have ended: the exit status and
 * the exit of a zombie leader's thread group come from a worker.
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_t first, main_thread;

static void *short_lived(void *arg)
{
	(void)arg;
	pthread_join(main_thread, NULL);
	printf("short-lived thread: main is gone, returning\n");
	fflush(stdout);
	return (void *)42;
}

static void *last(void *arg)
{
	(void)arg;
	void *ret;
	pthread_join(first, &ret);
	printf("last thread: joined the other, it returned %ld; exit(7)\n", (long)ret);
	fflush(stdout);
	exit(7);
}

int main(void)
{
	pthread_t t;
	main_thread = pthread_self();
	pthread_create(&first, NULL, short_lived, NULL);
	pthread_create(&t, NULL, last, NULL);
	printf("main: pthread_exit\n");
	fflush(stdout);
	pthread_exit(NULL);
}

/* A parent that runs alone for a while (3000 syscalls) and only then
 * starts three threads, each of which makes one syscall and exits: under
 * PCT, each thread runs before or after the rest of the parent's
 * creations as its priority says. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *worker(void *arg)
{
	(void)arg;
	getpid();
	return NULL;
}

int main(void)
{
	for (int i = 0; i < 3000; i++)
		getppid();
	pthread_t t[3];
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	printf("ok\n");
	return 0;
}

/* main calls exit() while four threads are blocked in read(2) on pipes
 * nobody writes: the threads are in the kernel, mid-syscall, when the
 * exit_group kills them; their reads never return.
 * corpus: native=same */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { THREADS = 4 };
static sem_t ready;
static int fds[THREADS][2];

static void *reader(void *arg)
{
	long id = (long)arg;
	char c;
	sem_post(&ready);
	ssize_t n = read(fds[id][0], &c, 1);
	printf("reader %ld returned %zd: should not happen\n", id, n);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	sem_init(&ready, 0, 0);
	for (long i = 0; i < THREADS; i++) {
		if (pipe(fds[i]) < 0)
			return 1;
		pthread_create(&t[i], NULL, reader, (void *)i);
	}
	for (int i = 0; i < THREADS; i++)
		sem_wait(&ready);
	for (int i = 0; i < 20; i++)
		sched_yield();
	printf("%d readers blocked; exit(6)\n", THREADS);
	fflush(stdout);
	exit(6);
}

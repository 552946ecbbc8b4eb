/* main returns while three threads spin in a tight loop with no syscall:
 * the exit_group must take down threads that never enter the kernel, and
 * the recorder must stop them wherever they are.
 * corpus: native=same */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

enum { THREADS = 3 };
static sem_t started;
static volatile unsigned long spins[THREADS];

static void *spinner(void *arg)
{
	long id = (long)arg;
	sem_post(&started);
	for (unsigned long i = 0; i < 4000000000UL; i++)
		spins[id]++;
	printf("spinner %ld finished: should not happen\n", id);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	sem_init(&started, 0, 0);
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, spinner, (void *)i);
	for (int i = 0; i < THREADS; i++)
		sem_wait(&started);
	printf("%d spinners running; main returns 4\n", THREADS);
	fflush(stdout);
	return 4;
}

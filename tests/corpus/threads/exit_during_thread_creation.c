/* exit() while threads are being created: four threads each create and
 * detach short-lived threads in a bounded loop, and main exits after the
 * first 50 have started, so clones are in flight when exit_group lands.
 * corpus: native=same */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>

static sem_t started;

static void *leaf(void *arg)
{
	(void)arg;
	sem_post(&started);
	return NULL;
}

static void *spawner(void *arg)
{
	(void)arg;
	pthread_attr_t a;
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&a, 64 * 1024);
	for (int i = 0; i < 100000; i++) {
		pthread_t t;
		if (pthread_create(&t, &a, leaf, NULL) != 0)
			sched_yield();
	}
	return NULL;
}

int main(void)
{
	sem_init(&started, 0, 0);
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, spawner, NULL);
	for (int i = 0; i < 50; i++)
		sem_wait(&started);
	printf("50 leaf threads ran; exit(8) while the spawners go on\n");
	fflush(stdout);
	exit(8);
}

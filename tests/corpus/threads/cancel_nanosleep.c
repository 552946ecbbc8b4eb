/* Deferred cancellation of three threads in a 30 s nanosleep, in
 * clock_nanosleep and in pause(): each is interrupted by SIGCANCEL in
 * the kernel and must come back canceled without sleeping its 30 s.
 * corpus: native=same */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static sem_t ready;

static void *napper(void *arg)
{
	(void)arg;
	struct timespec ts = { 30, 0 };
	sem_post(&ready);
	nanosleep(&ts, NULL);
	return NULL;
}

static void *clock_napper(void *arg)
{
	(void)arg;
	struct timespec ts = { 30, 0 };
	sem_post(&ready);
	clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
	return NULL;
}

static void *pauser(void *arg)
{
	(void)arg;
	sem_post(&ready);
	pause();
	return NULL;
}

int main(void)
{
	void *(*fn[3])(void *) = { napper, clock_napper, pauser };
	const char *name[3] = { "nanosleep", "clock_nanosleep", "pause" };
	pthread_t t[3];
	sem_init(&ready, 0, 0);
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, fn[i], NULL);
	for (int i = 0; i < 3; i++)
		sem_wait(&ready);
	for (int i = 0; i < 10; i++)
		sched_yield();
	int bad = 0;
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < 3; i++) {
		void *ret;
		pthread_cancel(t[i]);
		pthread_join(t[i], &ret);
		printf("%s thread canceled: %s\n", name[i], ret == PTHREAD_CANCELED ? "yes" : "no");
		bad += ret != PTHREAD_CANCELED;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	int quick = b.tv_sec - a.tv_sec < 10;
	printf("cancellations were quick: %s\n", quick ? "yes" : "no");
	return bad || !quick;
}

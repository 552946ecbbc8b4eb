/* pthread_cancel (deferred) of a thread blocked in read(2) on a pipe:
 * glibc sends SIGCANCEL to interrupt the syscall; the thread unwinds,
 * runs its cleanup handler and is joined with PTHREAD_CANCELED.
 * corpus: native=same */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <unistd.h>

static int p[2];
static sem_t ready;
static int cleaned;

static void cleanup(void *arg)
{
	(void)arg;
	cleaned++;
}

static void *reader(void *arg)
{
	(void)arg;
	char c;
	pthread_cleanup_push(cleanup, NULL);
	sem_post(&ready);
	for (int i = 0; i < 100; i++)
		if (read(p[0], &c, 1) <= 0)
			break;
	pthread_cleanup_pop(0);
	return NULL;
}

int main(void)
{
	if (pipe(p) < 0)
		return 1;
	sem_init(&ready, 0, 0);
	pthread_t t;
	pthread_create(&t, NULL, reader, NULL);
	sem_wait(&ready);
	for (int i = 0; i < 10; i++)
		sched_yield();
	pthread_cancel(t);
	void *ret;
	pthread_join(t, &ret);
	printf("reader canceled: %s, cleanup ran %d time(s)\n",
	       ret == PTHREAD_CANCELED ? "yes" : "no", cleaned);
	return !(ret == PTHREAD_CANCELED && cleaned == 1);
}

/* Asynchronous cancellation of a thread spinning in pure user code (no
 * cancellation point, no syscall): SIGCANCEL lands at an arbitrary
 * instruction and the thread unwinds from there.
 * corpus: native=same */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static sem_t ready;
static volatile unsigned long counter;
static int cleaned;

static void cleanup(void *arg)
{
	(void)arg;
	cleaned = 1;
}

static void *spinner(void *arg)
{
	(void)arg;
	int old;
	pthread_cleanup_push(cleanup, NULL);
	pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
	sem_post(&ready);
	for (unsigned long i = 0; i < 20000000000UL; i++)
		counter++;
	pthread_cleanup_pop(0);
	return NULL;
}

int main(void)
{
	pthread_t t;
	sem_init(&ready, 0, 0);
	pthread_create(&t, NULL, spinner, NULL);
	sem_wait(&ready);
	unsigned long seen = counter;
	for (int i = 0; i < 1000 && counter == seen; i++)
		sched_yield();
	pthread_cancel(t);
	void *ret;
	pthread_join(t, &ret);
	printf("spinner canceled asynchronously: %s, cleanup ran: %s, it had spun: %s\n",
	       ret == PTHREAD_CANCELED ? "yes" : "no", cleaned ? "yes" : "no",
	       counter > 0 ? "yes" : "no");
	return !(ret == PTHREAD_CANCELED && cleaned);
}

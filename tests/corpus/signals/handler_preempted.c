/* A signal handler that runs long enough to be preempted: the thread
 * raises SIGUSR1 at itself while a second thread is ready to run, and the
 * handler loops (no syscalls) well past a timeslice, so the recording
 * switches threads inside it. The replay must deliver the signal before it
 * looks for the point in the handler.
 * corpus: native=same */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { SPIN = 20000000 };

static volatile unsigned long handler_sum, other_sum;
static volatile int done;

static void handler(int sig)
{
	(void)sig;
	for (unsigned long i = 0; i < SPIN; i++)
		handler_sum += i & 7;
}

static void *other(void *arg)
{
	(void)arg;
	while (!done)
		other_sum++;
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	pthread_t t;
	pthread_create(&t, NULL, other, NULL);
	for (int round = 0; round < 3; round++)
		raise(SIGUSR1);
	done = 1;
	pthread_join(t, NULL);
	printf("handler sum %lu\n", handler_sum);
	return 0;
}

/* A process-directed signal (kill to the process) while SIGUSR1 is blocked
 * in every thread but one: the kernel must hand it to that thread, which
 * waits for it in sigsuspend, while the others sit in a blocking read.
 * corpus: native=same */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static __thread long my_id = -1;
static volatile long ran_in = -2;
static int ready[2], done[2];

static void handler(int sig)
{
	(void)sig;
	ran_in = my_id;
}

static void *worker(void *arg)
{
	my_id = (long)arg;
	char c = 'r';
	write(ready[1], &c, 1);
	if (my_id == 2) {
		/* the only thread that accepts SIGUSR1, and only while in sigsuspend */
		sigset_t empty;
		sigemptyset(&empty);
		sigsuspend(&empty);
		write(done[1], "xxx", 3);   /* lets the three others go */
	} else {
		read(done[0], &c, 1);
	}
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &one, NULL);
	if (pipe(ready) || pipe(done))
		return 1;
	pthread_t t[4];
	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < 4; i++) {
		char c;
		read(ready[0], &c, 1);
	}
	kill(getpid(), SIGUSR1);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("SIGUSR1 handled by thread %ld\n", ran_in);
	return ran_in != 2;
}

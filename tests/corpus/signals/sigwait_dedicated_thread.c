/* The dedicated signal thread pattern: every thread blocks SIGUSR1,
 * SIGUSR2 and SIGTERM; one thread loops in sigwait and handles them
 * synchronously. Two workers send signals to the process, and SIGTERM ends
 * the loop; the signal thread counts what it got.
 * corpus: native=same */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static sigset_t set;
static int counts[3];
static int ack[2];

static void *sig_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100; i++) {
		int s;
		if (sigwait(&set, &s))
			break;
		if (s == SIGTERM)
			break;
		counts[s == SIGUSR1 ? 0 : 1]++;
		write(ack[1], "a", 1);
	}
	counts[2] = 1;
	return NULL;
}

static void *worker(void *arg)
{
	int sig = (int)(long)arg;
	for (int i = 0; i < 5; i++) {
		char c;
		kill(getpid(), sig);
		/* wait for each to be taken, so none coalesce */
		read(ack[0], &c, 1);
	}
	return NULL;
}

int main(void)
{
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if (pipe(ack))
		return 1;
	pthread_t st, w;
	pthread_create(&st, NULL, sig_thread, NULL);
	pthread_create(&w, NULL, worker, (void *)(long)SIGUSR1);
	pthread_join(w, NULL);
	pthread_create(&w, NULL, worker, (void *)(long)SIGUSR2);
	pthread_join(w, NULL);
	kill(getpid(), SIGTERM);
	pthread_join(st, NULL);
	printf("signal thread: SIGUSR1 %d, SIGUSR2 %d, stopped by SIGTERM %d\n", counts[0], counts[1], counts[2]);
	return !(counts[0] == 5 && counts[1] == 5 && counts[2] == 1);
}

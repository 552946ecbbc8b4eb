/* A thread exits with a signal pending for it (pthread_kill while it has
 * the signal blocked): the thread-directed signal dies with it and never
 * runs a handler, nor shows in the process's pending set. A process-
 * directed one left pending by an exiting thread stays for the others.
 * corpus: native=same */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t usr1_hits, usr2_hits;

static void handler(int sig)
{
	if (sig == SIGUSR1)
		usr1_hits++;
	else
		usr2_hits++;
}

static void *thread(void *arg)
{
	(void)arg;
	sigset_t set, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_kill(pthread_self(), SIGUSR1);   /* for this thread only */
	kill(getpid(), SIGUSR2);                 /* for the process; main has it blocked too */
	sigpending(&pend);
	return (void *)(long)(sigismember(&pend, SIGUSR1) * 10 + sigismember(&pend, SIGUSR2));
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigset_t set, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	pthread_t t;
	void *res;
	pthread_create(&t, NULL, thread, NULL);
	pthread_join(t, &res);
	sigpending(&pend);
	printf("in the thread: USR1 pending %ld, USR2 pending %ld\n", (long)res / 10, (long)res % 10);
	printf("after it exited: USR1 pending %d, USR2 pending %d\n", sigismember(&pend, SIGUSR1),
	       sigismember(&pend, SIGUSR2));
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	printf("handlers: USR1 %d, USR2 %d\n", (int)usr1_hits, (int)usr2_hits);
	return !(usr1_hits == 0 && usr2_hits == 1 && (long)res == 11);
}

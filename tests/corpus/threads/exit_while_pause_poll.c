/* exit() while one thread is in pause(), one in poll() on a pipe with
 * an infinite timeout, one in epoll_wait and one in sigwaitinfo: four
 * different kinds of indefinite kernel waits ended by exit_group.
 * corpus: native=same */
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>

static sem_t ready;
static int p[2];

static void *pauser(void *arg)
{
	(void)arg;
	sem_post(&ready);
	pause();
	printf("pause returned\n");
	return NULL;
}

static void *poller(void *arg)
{
	(void)arg;
	struct pollfd pfd = { .fd = p[0], .events = POLLIN };
	sem_post(&ready);
	int r = poll(&pfd, 1, -1);
	printf("poll returned %d\n", r);
	return NULL;
}

static void *epoller(void *arg)
{
	(void)arg;
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN }, out;
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	sem_post(&ready);
	int r = epoll_wait(ep, &out, 1, -1);
	printf("epoll_wait returned %d\n", r);
	return NULL;
}

static void *sigwaiter(void *arg)
{
	(void)arg;
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	sem_post(&ready);
	int r = sigwaitinfo(&s, NULL);
	printf("sigwaitinfo returned %d\n", r);
	return NULL;
}

int main(void)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &s, NULL);
	if (pipe(p) < 0)
		return 1;
	sem_init(&ready, 0, 0);
	void *(*fn[4])(void *) = { pauser, poller, epoller, sigwaiter };
	pthread_t t[4];
	for (int i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, fn[i], NULL);
	for (int i = 0; i < 4; i++)
		sem_wait(&ready);
	for (int i = 0; i < 20; i++)
		sched_yield();
	printf("pause, poll, epoll_wait, sigwaitinfo blocked; exit(2)\n");
	fflush(stdout);
	exit(2);
}

/* epoll_pwait with a mask that unblocks SIGALRM only during the wait,
 * while a 2 ms interval timer runs: ticks that come outside the wait stay
 * pending (at most one) and end the next epoll_pwait at once; ten waits,
 * each ending with EINTR after exactly one handler run.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGALRM, &sa, NULL);
	sigset_t block, during;
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &during);
	sigdelset(&during, SIGALRM);
	int idle[2];
	if (pipe(idle))
		return 1;
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = idle[0] };
	epoll_ctl(ep, EPOLL_CTL_ADD, idle[0], &ev);
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	int eintr = 0, one_each = 0;
	for (int i = 0; i < 10; i++) {
		int before = hits;
		struct epoll_event out;
		int r = epoll_pwait(ep, &out, 1, 5000, &during);
		if (r < 0 && errno == EINTR)
			eintr++;
		if (hits - before == 1)
			one_each++;
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	sigset_t pend;
	sigpending(&pend);
	if (sigismember(&pend, SIGALRM)) {
		/* a tick left pending: take it with sigwait so it does not count */
		int s;
		sigwait(&block, &s);
	}
	printf("10 epoll_pwait calls: %d ended with EINTR, %d with exactly one handler run; total %d\n",
	       eintr, one_each, (int)hits);
	close(ep);
	return eintr != 10 || one_each != 10 || hits != 10;
}

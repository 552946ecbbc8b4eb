/* epoll_pwait() (NULL mask) on an epoll set holding an empty pipe,
 * interrupted by SIGALRM after 30 ms; the handler makes the pipe readable.
 * Never restarted: EINTR with or without SA_RESTART; then it returns 1.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int p[2];
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
	write(p[1], "x", 1);    /* the fd is ready once the handler has run */
}

static int ep = -1;

static int wait_once(void)
{
	if (ep < 0) {
		ep = epoll_create1(0);
		struct epoll_event ev = { .events = EPOLLIN, .data.fd = p[0] };
		epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	}
	struct epoll_event out;
	return epoll_pwait(ep, &out, 1, 2000, NULL);
}

int main(void)
{
	if (pipe(p))
		return 1;
	int bad = 0;
	for (int restart = 0; restart < 2; restart++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		sa.sa_flags = restart ? SA_RESTART : 0;
		sigaction(SIGALRM, &sa, NULL);
		hits = 0;
		struct itimerval it = { { 0, 0 }, { 0, 30000 } };
		setitimer(ITIMER_REAL, &it, NULL);
		int r = wait_once();
		int e = errno;
		printf("%s: first wait returned %d%s, handler ran %d",
		       restart ? "SA_RESTART" : "no SA_RESTART", r,
		       r < 0 ? (e == EINTR ? " EINTR" : " (other error)") : "", (int)hits);
		bad |= !(r < 0 && e == EINTR);
		r = wait_once();
		printf("; second wait returned %d\n", r);
		bad |= r != 1;
		char c;
		read(p[0], &c, 1);
	}
	return bad;
}

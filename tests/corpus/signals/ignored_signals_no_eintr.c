/* Signals that are ignored (SIGWINCH by default, SIGUSR1 by SIG_IGN) do
 * not interrupt blocking calls: a POSIX timer fires them every 1 ms while
 * the program blocks in read, then in poll with a timeout; the read
 * returns the byte a child writes after ~30 ms, the poll times out (0).
 * A tracer sees every one of these signals and must not let them through.
 * corpus: native=same */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static timer_t make_timer(int sig)
{
	struct sigevent sev;
	memset(&sev, 0, sizeof sev);
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = sig;
	timer_t t;
	timer_create(CLOCK_MONOTONIC, &sev, &t);
	struct itimerspec its = { { 0, 1000000 }, { 0, 1000000 } };
	timer_settime(t, 0, &its, NULL);
	return t;
}

int main(void)
{
	signal(SIGUSR1, SIG_IGN);
	int p[2];
	if (pipe(p))
		return 1;
	timer_t t1 = make_timer(SIGWINCH), t2 = make_timer(SIGUSR1);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, 30000000 };
		nanosleep(&ts, NULL);   /* lets the ignored signals hit the read */
		write(p[1], "w", 1);
		_exit(0);
	}
	char c = 0;
	ssize_t r = read(p[0], &c, 1);
	int e = errno;
	printf("read returned %zd%s '%c'\n", r, r < 0 && e == EINTR ? " EINTR" : "", c);
	struct pollfd pfd = { .fd = p[0], .events = POLLIN };
	int pr = poll(&pfd, 1, 30);
	e = errno;
	printf("poll returned %d%s\n", pr, pr < 0 && e == EINTR ? " EINTR" : "");
	timer_delete(t1);
	timer_delete(t2);
	int st;
	waitpid(pid, &st, 0);
	return !(r == 1 && pr == 0);
}

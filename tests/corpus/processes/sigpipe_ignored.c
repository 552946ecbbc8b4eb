/* SIGPIPE ignored or blocked: write to a pipe without readers fails with
 * EPIPE instead of killing us; when blocked, the SIGPIPE stays pending
 * (sigpending shows it) and is consumed by sigtimedwait; send() with
 * MSG_NOSIGNAL on a socket whose peer closed gives EPIPE with no signal.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *en(int e)
{
	return e == EPIPE ? "EPIPE" : strerror(e);
}

int main(void)
{
	int p[2];
	if (pipe(p) < 0)
		return 1;
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	ssize_t r = write(p[1], "x", 1);
	printf("ignored: write returned %zd, %s\n", r, en(errno));

	signal(SIGPIPE, SIG_DFL);
	sigset_t s, pend;
	sigemptyset(&s);
	sigaddset(&s, SIGPIPE);
	sigprocmask(SIG_BLOCK, &s, NULL);
	errno = 0;
	r = write(p[1], "x", 1);
	sigpending(&pend);
	printf("blocked: write returned %zd, %s; SIGPIPE pending: %s\n", r, en(errno),
	       sigismember(&pend, SIGPIPE) ? "yes" : "no");
	struct timespec zero = { 0, 0 };
	siginfo_t si;
	int sig = sigtimedwait(&s, &si, &zero);
	sigpending(&pend);
	printf("sigtimedwait took %s; still pending: %s\n", sig == SIGPIPE ? "SIGPIPE" : "nothing",
	       sigismember(&pend, SIGPIPE) ? "yes" : "no");
	sigprocmask(SIG_UNBLOCK, &s, NULL);

	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return 1;
	close(sv[1]);
	errno = 0;
	r = send(sv[0], "x", 1, MSG_NOSIGNAL);
	printf("send MSG_NOSIGNAL to a closed peer: %zd, %s (and we are alive)\n", r, en(errno));
	return 0;
}

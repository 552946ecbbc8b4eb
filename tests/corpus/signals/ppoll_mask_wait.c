/* The race-free wait: SIGUSR1 stays blocked except inside ppoll, whose
 * mask unblocks it. A child sends SIGUSR1 five times, each after the
 * parent asked for it, so it may arrive before or during the ppoll; either
 * way ppoll fails with EINTR after the handler ran, and the mask is back.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
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
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t block, during;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &during);
	sigdelset(&during, SIGUSR1);
	int ask[2], idle[2];
	if (pipe(ask) || pipe(idle))
		return 1;
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		close(ask[1]);
		char c;
		while (read(ask[0], &c, 1) == 1)
			kill(parent, SIGUSR1);
		_exit(0);
	}
	close(ask[0]);
	int bad = 0;
	for (int round = 0; round < 5; round++) {
		int before = hits;
		write(ask[1], "s", 1);
		struct pollfd pfd = { .fd = idle[0], .events = POLLIN };
		struct timespec ts = { 5, 0 };
		int r = ppoll(&pfd, 1, &ts, &during);
		int e = errno;
		sigset_t now;
		sigprocmask(SIG_BLOCK, NULL, &now);
		printf("round %d: ppoll %s, handler ran %d time(s), blocked again: %s\n", round,
		       r < 0 && e == EINTR ? "EINTR" : "did not fail with EINTR", hits - before,
		       sigismember(&now, SIGUSR1) ? "yes" : "no");
		bad |= !(r < 0 && e == EINTR) || hits - before != 1;
	}
	close(ask[1]);
	int st;
	waitpid(pid, &st, 0);
	return bad;
}

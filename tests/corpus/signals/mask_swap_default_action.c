/* A signal whose default action kills, blocked outside a mask-swapping wait
 * and let in by the wait's mask: sigsuspend, ppoll, pselect and epoll_pwait
 * each in a child that a SIGTERM ends there. The replay emulates these
 * waits, so its thread still has the outer mask in which SIGTERM is
 * blocked; the delivery must use the mask the wait had swapped in.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

static void wait_with_mask(int kind, const sigset_t *during)
{
	int fds[2];
	if (pipe(fds) < 0)
		_exit(10);
	switch (kind) {
	case 0:
		sigsuspend(during);
		break;
	case 1: {
		struct pollfd p = {.fd = fds[0], .events = POLLIN};
		ppoll(&p, 1, NULL, during);
		break;
	}
	case 2: {
		fd_set r;
		FD_ZERO(&r);
		FD_SET(fds[0], &r);
		pselect(fds[0] + 1, &r, NULL, NULL, NULL, during);
		break;
	}
	case 3: {
		int ep = epoll_create1(0);
		struct epoll_event ev = {.events = EPOLLIN};
		epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev);
		epoll_pwait(ep, &ev, 1, -1, during);
		break;
	}
	}
	_exit(20 + kind); /* only if the wait returned */
}

int main(void)
{
	static const char *names[] = {"sigsuspend", "ppoll", "pselect", "epoll_pwait"};
	for (int kind = 0; kind < 4; kind++) {
		int ready[2];
		if (pipe(ready) < 0)
			return 1;
		sigset_t term, during;
		sigemptyset(&term);
		sigaddset(&term, SIGTERM);
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			sigprocmask(SIG_BLOCK, &term, &during);
			sigdelset(&during, SIGTERM);
			close(ready[0]);
			if (write(ready[1], "r", 1) != 1)
				_exit(11);
			wait_with_mask(kind, &during);
		}
		close(ready[1]);
		char c;
		if (read(ready[0], &c, 1) != 1)
			return 2;
		close(ready[0]);
		kill(pid, SIGTERM); /* blocked until the child waits */
		int st;
		if (waitpid(pid, &st, 0) != pid)
			return 3;
		if (WIFSIGNALED(st))
			printf("%s: killed by signal %d\n", names[kind], WTERMSIG(st));
		else
			printf("%s: exited %d\n", names[kind], WEXITSTATUS(st));
	}
	return 0;
}

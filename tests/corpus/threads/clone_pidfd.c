/* CLONE_PIDFD: clone returns a pidfd for the child in the parent_tid
 * slot; poll on it is not ready while the child lives, ready once it
 * exits, and waitid(P_PIDFD) reaps it.
 * corpus: native=same */
#define _GNU_SOURCE
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static char stack[64 * 1024] __attribute__((aligned(16)));
static int p[2];

static int child(void *arg)
{
	(void)arg;
	char c;
	close(p[1]);
	if (read(p[0], &c, 1) != 1)
		return 1;
	return 33;
}

int main(void)
{
	if (pipe(p) < 0)
		return 1;
	int pidfd = -1;
	int pid = clone(child, stack + sizeof stack, CLONE_PIDFD | SIGCHLD, NULL, &pidfd);
	if (pid < 0) {
		perror("clone");
		return 1;
	}
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	int before = poll(&pfd, 1, 0);
	printf("got a pidfd: %s; readable while the child runs: %s\n", pidfd >= 0 ? "yes" : "no",
	       before > 0 ? "yes" : "no");
	if (write(p[1], "g", 1) != 1)
		return 1;
	int after = poll(&pfd, 1, 10000);
	printf("readable after it exits: %s\n", after == 1 && (pfd.revents & POLLIN) ? "yes" : "no");
	siginfo_t si = { 0 };
	if (waitid(P_PIDFD, pidfd, &si, WEXITED) < 0) {
		perror("waitid");
		return 1;
	}
	printf("waitid(P_PIDFD): code %s, status %d, pid matches: %s\n",
	       si.si_code == CLD_EXITED ? "CLD_EXITED" : "other", si.si_status,
	       si.si_pid == pid ? "yes" : "no");
	return !(before == 0 && after == 1 && si.si_status == 33);
}

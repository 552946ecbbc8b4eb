/* pidfds: pidfd_open of a child, poll (not readable while it runs),
 * pidfd_send_signal(SIGTERM), poll readable after its death, waitid
 * P_PIDFD reporting CLD_KILLED, then ESRCH for a signal after the reap,
 * and pidfd_open of a reaped pid.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

int main(void)
{
	int ready[2];
	if (pipe(ready) < 0)
		return 1;
	pid_t c = fork();
	if (c == 0) {
		close(ready[0]);
		close(ready[1]);
		pause();
		_exit(0);
	}
	close(ready[1]);
	char ch;
	if (read(ready[0], &ch, 1) != 0)
		return 1;
	int fd = (int)syscall(SYS_pidfd_open, c, 0);
	printf("pidfd_open: %s\n", fd >= 0 ? "ok" : strerror(errno));
	struct pollfd p = { .fd = fd, .events = POLLIN };
	printf("poll while it runs: %d\n", poll(&p, 1, 0));
	int r = (int)syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0);
	printf("pidfd_send_signal(SIGTERM): %s\n", r == 0 ? "ok" : strerror(errno));
	int n = poll(&p, 1, 10000);
	printf("poll after the signal: %d, POLLIN %s\n", n, p.revents & POLLIN ? "yes" : "no");
	siginfo_t si = { 0 };
	waitid(P_PIDFD, fd, &si, WEXITED);
	printf("waitid(P_PIDFD): %s by %s\n", si.si_code == CLD_KILLED ? "CLD_KILLED" : "?",
	       strsignal(si.si_status));
	errno = 0;
	r = (int)syscall(SYS_pidfd_send_signal, fd, SIGTERM, NULL, 0);
	printf("signal after the reap: %s\n", r < 0 && errno == ESRCH ? "ESRCH" : "?");
	errno = 0;
	int fd2 = (int)syscall(SYS_pidfd_open, c, 0);
	printf("pidfd_open of the reaped pid: %s\n", fd2 < 0 && errno == ESRCH ? "ESRCH" : "?");
	int self = (int)syscall(SYS_pidfd_open, getpid(), 0);
	r = (int)syscall(SYS_pidfd_send_signal, self, 0, NULL, 0);
	printf("signal 0 to ourselves through a pidfd: %s\n", r == 0 ? "ok" : strerror(errno));
	return 0;
}

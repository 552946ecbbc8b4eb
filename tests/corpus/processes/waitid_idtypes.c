/* waitid with every id type: P_PID for one child, P_PGID for a child in
 * its own group (and ECHILD for a group with no children of ours), P_ALL,
 * and P_PIDFD with a pidfd_open'd fd; siginfo fields are checked.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static pid_t spawn(int code, int own_group, int fd)
{
	pid_t c = fork();
	if (c == 0) {
		if (own_group)
			setpgid(0, 0);
		char ch;
		if (read(fd, &ch, 1) != 1)
			_exit(99);
		_exit(code);
	}
	if (own_group)
		setpgid(c, c);
	return c;
}

static void show(const char *what, int r, siginfo_t *si, pid_t want)
{
	if (r < 0) {
		printf("%s: %s\n", what, errno == ECHILD ? "ECHILD" : "error");
		return;
	}
	printf("%s: signo %s, code %s, status %d, right pid %s\n", what,
	       si->si_signo == SIGCHLD ? "SIGCHLD" : "?", si->si_code == CLD_EXITED ? "CLD_EXITED" : "?",
	       si->si_status, si->si_pid == want ? "yes" : "no");
}

int main(void)
{
	int go[2];
	if (pipe(go) < 0)
		return 1;
	pid_t a = spawn(1, 0, go[0]);
	pid_t b = spawn(2, 1, go[0]);
	pid_t c = spawn(3, 0, go[0]);
	pid_t d = spawn(4, 0, go[0]);
	siginfo_t si;
	int r;

	errno = 0;
	r = waitid(P_PGID, a + 77777, &si, WEXITED | WNOHANG);
	show("P_PGID of a group without our children", r, &si, 0);

	if (write(go[1], "gggg", 4) != 4)
		return 1;
	si.si_pid = 0;
	r = waitid(P_PID, a, &si, WEXITED);
	show("P_PID", r, &si, a);
	r = waitid(P_PGID, b, &si, WEXITED);
	show("P_PGID", r, &si, b);
	int pidfd = (int)syscall(SYS_pidfd_open, c, 0);
	r = waitid(P_PIDFD, pidfd, &si, WEXITED);
	show("P_PIDFD", r, &si, c);
	close(pidfd);
	r = waitid(P_ALL, 0, &si, WEXITED);
	show("P_ALL", r, &si, d);
	errno = 0;
	r = waitid(P_ALL, 0, &si, WEXITED);
	show("P_ALL with none left", r, &si, 0);
	return 0;
}

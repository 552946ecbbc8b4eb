/* WNOWAIT: waitid and waitpid-style peeks leave the zombie in place, so
 * the same child is reported three times (two WNOWAIT peeks, one real
 * reap); after the reap it is gone (ECHILD).
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	pid_t c = fork();
	if (c == 0)
		_exit(55);
	siginfo_t si = { 0 };
	int r1 = waitid(P_PID, c, &si, WEXITED | WNOWAIT);
	printf("peek 1: %s, status %d\n", r1 == 0 && si.si_pid == c ? "the child" : "?", si.si_status);
	si.si_pid = 0;
	int r2 = waitid(P_ALL, 0, &si, WEXITED | WNOWAIT);
	printf("peek 2 (P_ALL): %s, status %d\n", r2 == 0 && si.si_pid == c ? "the child" : "?",
	       si.si_status);
	int st;
	pid_t r = waitpid(c, &st, 0);
	printf("real wait: %s, exit %d\n", r == c ? "the child" : "?", WEXITSTATUS(st));
	errno = 0;
	int r3 = waitid(P_PID, c, &si, WEXITED | WNOWAIT);
	printf("peek after the reap: %s\n", r3 < 0 && errno == ECHILD ? "ECHILD" : "?");

	/* WNOWAIT of a stopped child, then of its exit */
	pid_t d = fork();
	if (d == 0) {
		raise(SIGSTOP);
		_exit(66);
	}
	waitid(P_PID, d, &si, WSTOPPED | WNOWAIT);
	printf("peek at a stopped child: %s\n", si.si_code == CLD_STOPPED ? "CLD_STOPPED" : "?");
	waitid(P_PID, d, &si, WSTOPPED);
	printf("consume the stop: %s\n", si.si_code == CLD_STOPPED ? "CLD_STOPPED" : "?");
	kill(d, SIGCONT);
	waitpid(d, &st, 0);
	printf("after SIGCONT it exited %d\n", WEXITSTATUS(st));
	return 0;
}

/* SIGSTOP and SIGCONT sent by the parent to a child blocked in read:
 * waitpid(WUNTRACED) sees it stopped by SIGSTOP, waitpid(WCONTINUED) sees
 * it continued, three times, then the child is told to exit with 5. A
 * recorder using ptrace must not swallow the group-stop.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2];
	if (pipe(p))
		return 1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[1]);
		char c;
		while (read(p[0], &c, 1) == 1)
			if (c == 'q')
				_exit(5);
		_exit(1);
	}
	close(p[0]);
	int bad = 0;
	for (int i = 0; i < 3; i++) {
		int st;
		kill(pid, SIGSTOP);
		pid_t r = waitpid(pid, &st, WUNTRACED);
		int stopped = r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP;
		kill(pid, SIGCONT);
		r = waitpid(pid, &st, WCONTINUED);
		int cont = r == pid && WIFCONTINUED(st);
		printf("round %d: stopped by SIGSTOP %s, continued %s\n", i, stopped ? "yes" : "no",
		       cont ? "yes" : "no");
		bad |= !stopped || !cont;
	}
	write(p[1], "q", 1);
	int st;
	waitpid(pid, &st, 0);
	printf("child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return bad || !WIFEXITED(st) || WEXITSTATUS(st) != 5;
}

/* SIGKILL to each of 20 children the moment fork returns, so that some
 * die before they ever ran (before the recorder first saw them stop): the
 * parent reaps each and counts the deaths by SIGKILL.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int killed = 0;
	for (int i = 0; i < 20; i++) {
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			pause();
			_exit(0);
		}
		kill(pid, SIGKILL);
		int st;
		if (waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL)
			killed++;
	}
	printf("%d of 20 children killed by SIGKILL at birth\n", killed);
	return killed != 20;
}

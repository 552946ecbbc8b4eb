/* waitpid(WUNTRACED|WCONTINUED) on a child stopped by SIGSTOP then
 * SIGTTIN, continued by SIGCONT, and finally killed while stopped by
 * SIGKILL: WIFSTOPPED/WSTOPSIG, WIFCONTINUED, WIFSIGNALED/WTERMSIG.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(int n, int st)
{
	if (WIFSTOPPED(st))
		printf("%d: stopped by %s\n", n, strsignal(WSTOPSIG(st)));
	else if (WIFCONTINUED(st))
		printf("%d: continued\n", n);
	else if (WIFSIGNALED(st))
		printf("%d: killed by %s\n", n, strsignal(WTERMSIG(st)));
	else if (WIFEXITED(st))
		printf("%d: exited %d\n", n, WEXITSTATUS(st));
}

int main(void)
{
	int go[2];
	if (pipe(go) < 0)
		return 1;
	pid_t c = fork();
	if (c == 0) {
		/* its own group, whose parent (we) is in another group of the
		 * same session: not orphaned, so SIGTSTP/SIGTTIN do stop it */
		setpgid(0, 0);
		char ch;
		for (int i = 0; i < 10; i++)
			if (read(go[0], &ch, 1) != 1)
				_exit(1);
		_exit(0);
	}
	setpgid(c, c);
	int st;
	kill(c, SIGSTOP);
	waitpid(c, &st, WUNTRACED | WCONTINUED);
	show(1, st);
	kill(c, SIGCONT);
	waitpid(c, &st, WUNTRACED | WCONTINUED);
	show(2, st);
	kill(c, SIGTTIN);
	waitpid(c, &st, WUNTRACED | WCONTINUED);
	show(3, st);
	/* without WUNTRACED a stop is not reported */
	printf("4: WNOHANG without WUNTRACED sees nothing: %s\n",
	       waitpid(c, &st, WNOHANG) == 0 ? "yes" : "no");
	kill(c, SIGKILL);
	waitpid(c, &st, WUNTRACED | WCONTINUED);
	show(5, st);
	return !(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

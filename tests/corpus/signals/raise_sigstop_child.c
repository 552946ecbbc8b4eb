/* A child stops itself with raise(SIGSTOP); the parent sees it stopped
 * (WUNTRACED), sends SIGCONT, sees it continued (WCONTINUED), then lets it
 * go on; the child exits 7 after reporting that it woke.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2], go[2];
	if (pipe(p) || pipe(go))
		return 1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		raise(SIGSTOP);
		char c;
		read(go[0], &c, 1);
		write(p[1], "awake", 5);
		_exit(7);
	}
	close(p[1]);
	int st;
	pid_t r = waitpid(pid, &st, WUNTRACED);
	int stopped = r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP;
	printf("child stopped by SIGSTOP: %s\n", stopped ? "yes" : "no");
	kill(pid, SIGCONT);
	r = waitpid(pid, &st, WCONTINUED);
	int cont = r == pid && WIFCONTINUED(st);
	printf("continued: %s\n", cont ? "yes" : "no");
	write(go[1], "g", 1);
	char buf[16] = { 0 };
	read(p[0], buf, sizeof buf - 1);
	waitpid(pid, &st, 0);
	printf("child said '%s' and exited %d\n", buf, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return !stopped || !cont || !WIFEXITED(st) || WEXITSTATUS(st) != 7;
}

/* system(3): a shell exit code, a shell killed by a signal, a command
 * whose output lands between ours, system(NULL), and system() while a
 * SIGCHLD handler is installed (system blocks SIGCHLD meanwhile).
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static volatile sig_atomic_t chld;

static void on_chld(int s)
{
	(void)s;
	chld++;
}

static void show(const char *cmd)
{
	fflush(stdout);
	int st = system(cmd);
	if (st == -1)
		printf("[%s]: failed\n", cmd);
	else if (WIFEXITED(st))
		printf("[%s]: exit %d\n", cmd, WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		printf("[%s]: killed by %s\n", cmd, strsignal(WTERMSIG(st)));
}

int main(void)
{
	printf("a shell is available: %s\n", system(NULL) ? "yes" : "no");
	show("exit 3");
	show("echo from the shell; echo to stderr >&2");
	show("kill -TERM $$");
	show("exit 300");
	show("/nonexistent/command 2>/dev/null");
	struct sigaction sa = { .sa_handler = on_chld };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	show("true | false");
	printf("SIGCHLD handler ran after system(): %s\n", chld > 0 ? "yes" : "no");
	return 0;
}

/* fork() from inside a signal handler (async-signal-safe): SIGUSR1's
 * handler forks a child that _exits with a code; three signals, each
 * raised and handled one by one, so three children, reaped afterwards.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t forked;
static pid_t kids[3];

static void on_usr1(int s)
{
	(void)s;
	pid_t c = fork();
	if (c == 0)
		_exit(20 + forked);
	if (c > 0 && forked < 3)
		kids[forked++] = c;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	for (int i = 0; i < 3; i++)
		raise(SIGUSR1);
	int sum = 0;
	for (int i = 0; i < forked; i++) {
		int st;
		waitpid(kids[i], &st, 0);
		printf("child forked in handler run %d exited %d\n", i, WEXITSTATUS(st));
		sum += WEXITSTATUS(st);
	}
	return !(forked == 3 && sum == 63);
}

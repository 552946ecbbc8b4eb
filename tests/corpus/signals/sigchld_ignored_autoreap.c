/* SIGCHLD set to SIG_IGN: children are reaped by the kernel as they exit,
 * and waitpid blocks until all are gone, then fails with ECHILD; then
 * SA_NOCLDWAIT with a handler: the handler runs but no zombie is left.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	signal(SIGCHLD, SIG_IGN);
	fflush(stdout);
	for (int i = 0; i < 4; i++)
		if (fork() == 0)
			_exit(i);
	int st;
	pid_t r = waitpid(-1, &st, 0);
	printf("SIG_IGN: waitpid returned %d, %s\n", (int)r, r < 0 && errno == ECHILD ? "ECHILD" : "?");
	int bad = !(r < 0 && errno == ECHILD);

	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sa.sa_flags = SA_NOCLDWAIT;
	sigaction(SIGCHLD, &sa, NULL);
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	pid_t pid = fork();
	if (pid == 0)
		_exit(5);
	sigsuspend(&old);   /* the child's SIGCHLD */
	sigprocmask(SIG_SETMASK, &old, NULL);
	r = waitpid(-1, &st, 0);
	printf("SA_NOCLDWAIT: handler ran %d, waitpid %s\n", (int)hits,
	       r < 0 && errno == ECHILD ? "ECHILD" : "found a zombie");
	bad |= !(hits == 1 && r < 0 && errno == ECHILD);
	return bad;
}

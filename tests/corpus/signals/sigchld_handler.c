/* A SIGCHLD handler that reaps with waitpid(WNOHANG) in a loop, as
 * servers do: six children exit (several SIGCHLDs may coalesce into one);
 * main waits in sigsuspend until all are reaped. The sum of exit statuses
 * and the number reaped are printed, not the number of SIGCHLDs.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int reaped, status_sum;

static void on_chld(int sig)
{
	(void)sig;
	int saved = errno, st;
	pid_t p;
	while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
		reaped++;
		status_sum += WEXITSTATUS(st);
	}
	errno = saved;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_chld;
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	fflush(stdout);
	for (int i = 0; i < 6; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(i + 1);
	}
	int waits = 0;
	while (reaped < 6 && waits < 100) {
		sigsuspend(&old);
		waits++;
	}
	printf("reaped %d children, status sum %d\n", reaped, status_sum);
	return !(reaped == 6 && status_sum == 21);
}

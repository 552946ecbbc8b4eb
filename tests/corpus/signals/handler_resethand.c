/* SA_RESETHAND: the handler runs once and the action is reset to SIG_DFL,
 * so a second SIGUSR1 kills the (child) process. The parent checks that the
 * child ran the handler once and then died of SIGUSR1.
 * corpus: native=same */
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
	const char msg[] = "child: handler ran\n";
	write(1, msg, sizeof msg - 1);
}

int main(void)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		sa.sa_flags = SA_RESETHAND;
		sigaction(SIGUSR1, &sa, NULL);
		raise(SIGUSR1);
		struct sigaction now;
		sigaction(SIGUSR1, NULL, &now);
		printf("child: after first: hits=%d action=%s\n", (int)hits,
		       now.sa_handler == SIG_DFL ? "SIG_DFL" : "handler");
		fflush(stdout);
		raise(SIGUSR1);
		printf("child: survived the second SIGUSR1\n");
		return 0;
	}
	int st;
	if (waitpid(pid, &st, 0) != pid) {
		perror("waitpid");
		return 1;
	}
	if (WIFSIGNALED(st))
		printf("parent: child killed by signal %s\n", WTERMSIG(st) == SIGUSR1 ? "SIGUSR1" : "other");
	else
		printf("parent: child exited %d\n", WEXITSTATUS(st));
	return !(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1);
}

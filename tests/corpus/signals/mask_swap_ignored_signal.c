/* An ignored signal, blocked outside sigsuspend and let in by its mask.
 * Natively the kernel drops it as it is sent; a traced thread gets it all
 * the same (its tracer sees ignored signals), so at record it wakes the
 * sigsuspend, and the kernel then ignores it and restarts the wait. The
 * child's exit (SIGCHLD, handled) ends each wait. Five rounds.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t reaped;

static void on_child(int sig)
{
	(void)sig;
	reaped = 1;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_child;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGUSR2, SIG_IGN);
	sigset_t block, during;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &during);
	sigdelset(&during, SIGUSR2);
	sigdelset(&during, SIGCHLD);
	for (int round = 1; round <= 5; round++) {
		reaped = 0;
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			kill(getppid(), SIGUSR2);
			_exit(round);
		}
		int waits = 0;
		while (!reaped && waits < 100) {
			sigsuspend(&during);
			waits++;
		}
		int st;
		if (waitpid(pid, &st, 0) != pid)
			return 2;
		printf("round %d: child exited %d%s\n", round, WEXITSTATUS(st),
		       reaped ? "" : ", no SIGCHLD");
	}
	return 0;
}

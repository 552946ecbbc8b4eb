/* Signals back and forth between a parent and a child, 50 rounds: each
 * sends SIGUSR1 to the other and waits for the reply in sigsuspend (with
 * the signal blocked outside it, so none is lost); the counts are checked.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ROUNDS = 50 };
static volatile sig_atomic_t got;

static void handler(int sig)
{
	(void)sig;
	got++;
}

static void wait_for(int n, const sigset_t *during)
{
	for (int i = 0; i < 1000 && got < n; i++)
		sigsuspend(during);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t set, during;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &during);
	sigdelset(&during, SIGUSR1);
	pid_t parent = getpid();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 1; i <= ROUNDS; i++) {
			wait_for(i, &during);
			kill(parent, SIGUSR1);
		}
		_exit(got == ROUNDS ? 0 : 1);
	}
	for (int i = 1; i <= ROUNDS; i++) {
		kill(pid, SIGUSR1);
		wait_for(i, &during);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("parent got %d replies; child exited %d\n", (int)got, WEXITSTATUS(st));
	return !(got == ROUNDS && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

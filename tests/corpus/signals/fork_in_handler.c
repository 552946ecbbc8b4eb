/* fork() called from a signal handler (it is async-signal-safe): the
 * child starts inside the handler, with the signal blocked, returns from
 * it through sigreturn like its parent, and each reports the mask it sees
 * after the handler returned. Three rounds.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile pid_t child;
static volatile int blocked_inside;

static void handler(int sig)
{
	(void)sig;
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	blocked_inside = sigismember(&cur, SIGUSR1);
	child = fork();
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	int bad = 0;
	for (int i = 0; i < 3; i++) {
		fflush(stdout);
		raise(SIGUSR1);
		sigset_t cur;
		sigprocmask(SIG_BLOCK, NULL, &cur);
		int blocked_after = sigismember(&cur, SIGUSR1);
		if (child == 0) {
			printf("round %d child: blocked in handler %d, after return %d\n", i, blocked_inside,
			       blocked_after);
			fflush(stdout);
			_exit(blocked_after ? 1 : 10 + i);
		}
		int st;
		waitpid(child, &st, 0);
		printf("round %d parent: blocked in handler %d, after return %d, child exited %d\n", i,
		       blocked_inside, blocked_after, WEXITSTATUS(st));
		bad |= blocked_after || WEXITSTATUS(st) != 10 + i;
	}
	return bad;
}

/* fork: the child inherits handlers and the signal mask but not the
 * parent's pending signals. The parent has SIGUSR1 blocked and pending at
 * fork; the child reports an empty pending set and that its handler is
 * installed, and the parent still gets its own SIGUSR1 at the unblock.
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
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR1);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t pend, mask;
		sigpending(&pend);
		sigprocmask(SIG_BLOCK, NULL, &mask);
		struct sigaction cur;
		sigaction(SIGUSR1, NULL, &cur);
		printf("child: pending %d, blocked %d, handler installed %d\n", sigismember(&pend, SIGUSR1),
		       sigismember(&mask, SIGUSR1), cur.sa_handler == handler);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		printf("child: handler ran %d\n", (int)hits);
		fflush(stdout);
		_exit(hits == 0 ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("parent: handler ran %d, child exited %d\n", (int)hits, WEXITSTATUS(st));
	return !(hits == 1 && WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

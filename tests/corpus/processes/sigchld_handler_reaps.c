/* A SIGCHLD handler that reaps with waitpid(-1, WNOHANG) in a loop, as
 * servers do: 20 children exit while main is blocked in sigsuspend;
 * SIGCHLDs merge, so only the number reaped (not of handler runs) is
 * printed.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

enum { CHILDREN = 20 };
static volatile sig_atomic_t reaped, code_sum;

static void on_chld(int s)
{
	(void)s;
	int saved = errno, st;
	pid_t r;
	while ((r = waitpid(-1, &st, WNOHANG)) > 0) {
		reaped++;
		code_sum += WEXITSTATUS(st);
	}
	errno = saved;
}

int main(void)
{
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	struct sigaction sa = { .sa_handler = on_chld, .sa_flags = SA_RESTART };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	int go[2];
	if (pipe(go) < 0)
		return 1;
	for (int i = 0; i < CHILDREN; i++) {
		pid_t c = fork();
		if (c == 0) {
			char ch;
			if (read(go[0], &ch, 1) != 1)
				_exit(99);
			_exit(i);
		}
	}
	char all[CHILDREN];
	for (int i = 0; i < CHILDREN; i++)
		all[i] = 'g';
	if (write(go[1], all, CHILDREN) != CHILDREN)
		return 1;
	for (int i = 0; i < 1000 && reaped < CHILDREN; i++)
		sigsuspend(&old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	printf("handler reaped %d children, exit codes sum %d\n", (int)reaped, (int)code_sum);
	return !(reaped == CHILDREN && code_sum == CHILDREN * (CHILDREN - 1) / 2);
}

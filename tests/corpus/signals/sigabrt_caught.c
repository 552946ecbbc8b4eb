/* abort() with a SIGABRT handler: the handler runs (and here leaves with
 * siglongjmp, the one way to survive abort); then, in a child, a handler
 * that returns: abort() restores the default action and the child dies of
 * SIGABRT anyway, after the handler's message.
 * corpus: native=same */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int jump_out;

static void on_abrt(int sig)
{
	(void)sig;
	const char m[] = "SIGABRT handler ran\n";
	write(1, m, sizeof m - 1);
	if (jump_out)
		siglongjmp(env, 1);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_abrt;
	sigaction(SIGABRT, &sa, NULL);
	jump_out = 1;
	if (sigsetjmp(env, 1) == 0) {
		abort();
	}
	printf("survived abort() through siglongjmp\n");
	fflush(stdout);
	jump_out = 0;
	pid_t pid = fork();
	if (pid == 0) {
		abort();
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("child: %s\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT ? "killed by SIGABRT" : "not killed by SIGABRT");
	return !(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
}

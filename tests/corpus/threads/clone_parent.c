/* CLONE_PARENT: a child A clones a grandchild G with CLONE_PARENT, so
 * G's parent is main, not A: A cannot wait for it (ECHILD), main reaps
 * both and G reports its parent through a pipe.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[64 * 1024] __attribute__((aligned(16)));
static int p[2];
static pid_t main_pid;

static int grandchild(void *arg)
{
	(void)arg;
	char m = getppid() == main_pid ? 'M' : 'A';
	if (write(p[1], &m, 1) != 1)
		return 1;
	return 5;
}

int main(void)
{
	if (pipe(p) < 0)
		return 1;
	main_pid = getpid();
	pid_t a = fork();
	if (a == 0) {
		int g = clone(grandchild, stack + sizeof stack, CLONE_PARENT | SIGCHLD, NULL);
		if (g < 0)
			_exit(20);
		errno = 0;
		pid_t r = waitpid(g, NULL, 0);
		char m = r < 0 && errno == ECHILD ? 'E' : 'W';
		if (write(p[1], &m, 1) != 1)
			_exit(21);
		_exit(0);
	}
	char got[2];
	if (read(p[0], &got[0], 1) != 1 || read(p[0], &got[1], 1) != 1)
		return 1;
	int codes = 0, n = 0, st;
	pid_t r;
	while ((r = wait(&st)) > 0) {
		n++;
		codes += WEXITSTATUS(st);
	}
	int gparent = got[0] == 'M' || got[1] == 'M';
	int echild = got[0] == 'E' || got[1] == 'E';
	printf("grandchild's parent is main: %s\n", gparent ? "yes" : "no");
	printf("A's waitpid for it failed with ECHILD: %s\n", echild ? "yes" : "no");
	printf("main reaped %d children, exit codes sum %d\n", n, codes);
	return !(gparent && echild && n == 2 && codes == 5);
}

/* A child made with CLONE_UNTRACED, which a tracer cannot follow
 * automatically: heisen must still record it, so the lines the child
 * writes come from the trace on replay, in order with the parent's.
 * corpus: native=same */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[64 * 1024] __attribute__((aligned(16)));
static int p[2];

static int child(void *arg)
{
	(void)arg;
	char c;
	if (read(p[0], &c, 1) != 1)
		return 1;
	for (int i = 0; i < 3; i++) {
		char line[64];
		int n = snprintf(line, sizeof line, "untraced child: line %d\n", i);
		if (write(1, line, n) != n)
			return 1;
	}
	pid_t g = fork();
	if (g == 0) {
		static const char m[] = "untraced child's own child: hello\n";
		_exit(write(1, m, strlen(m)) == (ssize_t)strlen(m) ? 0 : 1);
	}
	int st;
	waitpid(g, &st, 0);
	return 40 + WEXITSTATUS(st);
}

int main(void)
{
	if (pipe(p) < 0)
		return 1;
	fflush(stdout);
	int pid = clone(child, stack + sizeof stack, CLONE_UNTRACED | SIGCHLD, NULL);
	if (pid < 0) {
		perror("clone");
		return 1;
	}
	printf("parent: child started\n");
	fflush(stdout);
	if (write(p[1], "g", 1) != 1)
		return 1;
	int st;
	if (waitpid(pid, &st, 0) != pid)
		return 1;
	printf("parent: child exited %d\n", WEXITSTATUS(st));
	return WEXITSTATUS(st) != 40;
}

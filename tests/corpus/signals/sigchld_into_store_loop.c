/* SIGCHLD from children that exit while the parent runs a loop of plain
 * stores through a pointer (no syscall, no load in the loop body): the
 * signal lands anywhere in the loop. Under `record --chaos-mode access`
 * every store is a yield site, so the signal often lands inside a site's
 * stub, where the recorder must move the point out before it records it.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

enum { CHILDREN = 20, PASSES = 30, WORDS = 1 << 18 };
static volatile int reaped;

static void on_child(int sig)
{
	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		reaped++;
}

int main(void)
{
	signal(SIGCHLD, on_child);
	int *a = malloc(WORDS * sizeof *a);
	if (!a)
		return 1;
	for (int r = 0; r < CHILDREN; r++) {
		pid_t c = fork();
		if (c < 0)
			return 1;
		if (c == 0)
			_exit(0);
		for (int k = 0; k < PASSES; k++)
			for (int i = 0; i < WORDS; i++)
				a[i] = -1 - k;
	}
	signal(SIGCHLD, SIG_DFL);
	while (wait(NULL) > 0)
		reaped++;
	printf("children reaped: %d, last word %d\n", (int)reaped, a[WORDS - 1]);
	free(a);
	return 0;
}

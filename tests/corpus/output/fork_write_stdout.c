/* Four child processes write lines to the stdout they inherited, at
 * once, with write(2): the order of their lines is the kernel's, across
 * processes, and the parent reaps them all before its last line.
 * corpus: native=differs */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

enum { CHILDREN = 4, LINES = 250 };

int main(void)
{
	pid_t pids[CHILDREN];
	for (int c = 0; c < CHILDREN; c++) {
		pids[c] = fork();
		if (pids[c] < 0) {
			perror("fork");
			return 1;
		}
		if (pids[c] == 0) {
			char line[64];
			for (int i = 0; i < LINES; i++) {
				int n = snprintf(line, sizeof line, "child %d line %d\n", c, i);
				if (write(1, line, (size_t)n) != n)
					_exit(1);
			}
			_exit(10 + c);
		}
	}
	int bad = 0;
	for (int c = 0; c < CHILDREN; c++) {
		int st;
		if (waitpid(pids[c], &st, 0) != pids[c] || !WIFEXITED(st) || WEXITSTATUS(st) != 10 + c)
			bad++;
	}
	printf("done, %d children failed\n", bad);
	return bad != 0;
}

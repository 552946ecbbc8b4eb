/* The parent forks a child and exits at once; the child waits until it
 * sees its parent gone (EOF on a pipe only the parent held), then writes
 * to the inherited stdout and stderr: output from an orphan, reaped by init.
 * corpus: native=same */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	int p[2];
	if (pipe(p) < 0) {
		perror("pipe");
		return 1;
	}
	printf("parent: forking\n");
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		char x;
		close(p[1]);
		ssize_t n = read(p[0], &x, 1);	/* EOF once the parent exited */
		char line[128];
		for (int i = 0; i < 20; i++) {
			int k = snprintf(line, sizeof line, "orphan: line %d (read gave %zd)\n", i, n);
			if (write(1, line, (size_t)k) != k)
				_exit(1);
		}
		fprintf(stderr, "orphan: done\n");
		_exit(0);
	}
	close(p[0]);
	printf("parent: exiting with 7\n");
	return 7;
}

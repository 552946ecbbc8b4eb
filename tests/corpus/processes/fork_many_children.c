/* 50 children forked at once, each exiting with its own code; the parent
 * reaps them in whatever order they finish and checks it got every code
 * exactly once: many concurrent processes for the recorder.
 * corpus: native=same */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

enum { CHILDREN = 50 };

int main(void)
{
	pid_t pids[CHILDREN];
	for (int i = 0; i < CHILDREN; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("fork");
			return 1;
		}
		if (pids[i] == 0)
			_exit(i + 1);
	}
	int seen[CHILDREN + 1] = { 0 }, reaped = 0, st;
	pid_t r;
	while ((r = wait(&st)) > 0) {
		reaped++;
		int code = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
		int matches = 0;
		for (int i = 0; i < CHILDREN; i++)
			matches += pids[i] == r && code == i + 1;
		if (code >= 1 && code <= CHILDREN && matches)
			seen[code]++;
	}
	int ok = 0;
	for (int i = 1; i <= CHILDREN; i++)
		ok += seen[i] == 1;
	printf("reaped %d children, %d with the right code exactly once\n", reaped, ok);
	return !(reaped == CHILDREN && ok == CHILDREN);
}

/* A shell-like pipeline built by hand with pipe/fork/dup2/execv of
 * coreutils: printf ... | sort | uniq -c | sort -rn, the last stage
 * writing to our stdout; every stage is reaped and its status printed.
 * corpus: native=same */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	char *printf_argv[] = { "/usr/bin/printf", "%s\n", "pear", "apple", "pear", "fig", "apple",
				"pear", "kiwi", "fig", "pear", NULL };
	char *sort_argv[] = { "/usr/bin/sort", NULL };
	char *uniq_argv[] = { "/usr/bin/uniq", "-c", NULL };
	char *rsort_argv[] = { "/usr/bin/sort", "-rn", NULL };
	char **stages[4] = { printf_argv, sort_argv, uniq_argv, rsort_argv };
	pid_t pids[4];
	int in = -1;
	fflush(stdout);
	for (int i = 0; i < 4; i++) {
		int p[2] = { -1, -1 };
		if (i < 3 && pipe(p) < 0)
			return 1;
		pids[i] = fork();
		if (pids[i] == 0) {
			if (in >= 0) {
				dup2(in, 0);
				close(in);
			}
			if (p[1] >= 0) {
				dup2(p[1], 1);
				close(p[1]);
				close(p[0]);
			}
			execv(stages[i][0], stages[i]);
			_exit(127);
		}
		if (in >= 0)
			close(in);
		if (p[1] >= 0)
			close(p[1]);
		in = p[0];
	}
	for (int i = 0; i < 4; i++) {
		int st;
		waitpid(pids[i], &st, 0);
		printf("stage %d (%s) exited %d\n", i, stages[i][0], WEXITSTATUS(st));
	}
	return 0;
}

/* A process forks three children, then execs a new image (itself with
 * an argument): the children survive the exec, stay its children, and
 * the new image reaps them and sees their exit codes.
 * corpus: native=same */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "reap") == 0) {
		int fd = atoi(argv[2]);
		/* release the children, then reap them */
		if (write(fd, "ggg", 3) != 3)
			return 1;
		int n = 0, sum = 0, st;
		while (wait(&st) > 0) {
			n++;
			sum += WEXITSTATUS(st);
		}
		printf("new image reaped %d children of the old one, exit codes sum %d\n", n, sum);
		return !(n == 3 && sum == 60);
	}
	int p[2];
	if (pipe(p) < 0)
		return 1;
	for (int i = 1; i <= 3; i++) {
		pid_t c = fork();
		if (c == 0) {
			char ch;
			close(p[1]);
			if (read(p[0], &ch, 1) != 1)
				_exit(1);
			_exit(i * 10);
		}
	}
	close(p[0]);
	char fd[16];
	snprintf(fd, sizeof fd, "%d", p[1]);
	printf("old image: 3 children forked, exec'ing\n");
	fflush(stdout);
	char *nargv[] = { argv[0], "reap", fd, NULL };
	execv("/proc/self/exe", nargv);
	perror("execv");
	return 1;
}

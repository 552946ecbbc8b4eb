/* stdout is a pipe, so stdio buffers it fully: text printed before a
 * fork is still in the buffer and is flushed twice, once by the child and
 * once by the parent; the parent waits for the child, so the order is fixed.
 * corpus: native=same */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	printf("printed once, before the fork\n");
	fprintf(stderr, "stderr is unbuffered: once\n");
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		printf("child's own line\n");
		return 3;	/* exit() flushes the inherited buffer too */
	}
	int st;
	waitpid(pid, &st, 0);
	printf("parent: child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	fflush(stdout);

	/* a second child that leaves by _exit: its copy of the buffer is lost */
	printf("pending in the parent's buffer\n");
	pid = fork();
	if (pid == 0) {
		printf("never flushed\n");
		_exit(4);
	}
	waitpid(pid, &st, 0);
	printf("parent: second child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}

/* vfork + execve: the parent is suspended until the child has exec'd
 * /bin/echo (or _exited when the exec fails); the parent's stdio
 * buffer, shared memory-wise with the child, must not be flushed twice.
 * corpus: native=same */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	printf("parent: before vfork (buffered)\n");
	for (int i = 0; i < 3; i++) {
		pid_t p = vfork();
		if (p == 0) {
			char n[2] = { (char)('0' + i), 0 };
			char *argv[] = { "echo", "child", n, "exec'd echo", NULL };
			execv("/bin/echo", argv);
			_exit(127);
		}
		int st;
		waitpid(p, &st, 0);
		printf("parent: echo %d exited %d\n", i, WEXITSTATUS(st));
		fflush(stdout);
	}
	pid_t p = vfork();
	if (p == 0) {
		execl("/nonexistent/prog", "prog", (char *)NULL);
		_exit(errno == ENOENT ? 42 : 43);
	}
	int st;
	waitpid(p, &st, 0);
	printf("parent: failed exec's child exited %d\n", WEXITSTATUS(st));
	return WEXITSTATUS(st) != 42;
}

/* clone(CLONE_FILES|SIGCHLD) without CLONE_VM: the child has a copy of
 * our memory but shares our fd table: the fd it dup2s into place and the
 * fd it closes change our table, its stores to memory do not.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[64 * 1024] __attribute__((aligned(16)));
static int value = 1;
static int p[2];

static int child(void *arg)
{
	(void)arg;
	value = 2;
	int fd = open("/dev/null", O_WRONLY);
	if (fd < 0 || dup2(fd, 57) != 57)
		return 10;
	close(fd);
	close(p[1]);
	return value;
}

int main(void)
{
	if (pipe(p) < 0)
		return 1;
	int pid = clone(child, stack + sizeof stack, CLONE_FILES | SIGCHLD, NULL);
	if (pid < 0) {
		perror("clone");
		return 1;
	}
	int st;
	if (waitpid(pid, &st, 0) != pid)
		return 1;
	printf("child exited %d\n", WEXITSTATUS(st));
	printf("our value still %d (memory not shared)\n", value);
	printf("fd 57 opened by the child is in our table: %s\n",
	       fcntl(57, F_GETFD) >= 0 ? "yes" : "no");
	errno = 0;
	int r = fcntl(p[1], F_GETFD);
	printf("pipe end the child closed is gone for us: %s\n",
	       r < 0 && errno == EBADF ? "yes" : "no");
	char c;
	printf("read on the pipe sees EOF: %s\n", read(p[0], &c, 1) == 0 ? "yes" : "no");
	return !(value == 1 && WEXITSTATUS(st) == 2 && r < 0);
}

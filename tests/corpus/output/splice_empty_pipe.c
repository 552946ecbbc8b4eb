/* splice(2) from a pipe to stdout while the pipe is empty: the parent
 * sleeps in splice until its child writes, then the bytes go straight to
 * stdout; three rounds, the child writing each one only once it sees the
 * parent asleep (its /proc state S), so the splice starts on an empty
 * pipe each time (grep copies its input to its output so, in pipelines).
 * corpus: native=same */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char state_of(pid_t pid)
{
	char path[64], buf[256];
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return '?';
	buf[n] = 0;
	char *paren = strrchr(buf, ')');
	return paren && paren[1] == ' ' ? paren[2] : '?';
}

static void child(int out)
{
	pid_t parent = getppid();
	for (int round = 0; round < 3; round++) {
		/* bounded: the parent is asleep long before this ends */
		for (int i = 0; i < 1000000 && state_of(parent) != 'S'; i++)
			sched_yield();
		char line[64];
		int n = snprintf(line, sizeof line, "round %d: from the child through splice\n", round);
		if (write(out, line, (size_t)n) != n)
			_exit(2);
		/* the parent must have taken it before the next round */
		for (int i = 0; i < 1000000; i++) {
			int avail = 0;
			if (ioctl(out, FIONREAD, &avail) < 0 || avail == 0)
				break;
			sched_yield();
		}
	}
	_exit(0);
}

int main(void)
{
	int p[2];
	if (pipe(p) < 0)
		return 1;
	fflush(stdout);
	pid_t c = fork();
	if (c == 0) {
		close(p[0]);
		child(p[1]);
	}
	close(p[1]);
	long total = 0;
	for (int i = 0; i < 100; i++) {
		ssize_t n = splice(p[0], NULL, 1, NULL, 65536, 0);
		if (n <= 0)
			break;
		total += n;
	}
	int st;
	waitpid(c, &st, 0);
	printf("spliced %ld bytes, child exited %d\n", total, WEXITSTATUS(st));
	return 0;
}

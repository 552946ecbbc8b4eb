/* Three child processes write to stdout and stderr at once, one of them
 * through stdio with a line-buffered stdout, while the parent writes
 * too: the interleaving in each stream is the kernel's.
 * corpus: native=differs */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

enum { CHILDREN = 3, LINES = 200 };

static void emit(const char *who, int i)
{
	char line[64];
	int fd = 1 + (i & 1);
	int n = snprintf(line, sizeof line, "%s %s %d\n", who, fd == 1 ? "out" : "err", i);
	if (write(fd, line, (size_t)n) != n)
		_exit(1);
}

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
			char who[16];
			snprintf(who, sizeof who, "child%d", c);
			if (c == 2) {
				setvbuf(stdout, NULL, _IOLBF, 0);
				for (int i = 0; i < LINES; i++) {
					printf("%s stdio-out %d\n", who, i);
					fprintf(stderr, "%s stdio-err %d\n", who, i);
				}
				fflush(stdout);
				_exit(0);
			}
			for (int i = 0; i < LINES; i++)
				emit(who, i);
			_exit(0);
		}
	}
	for (int i = 0; i < LINES; i++)
		emit("parent", i);
	int bad = 0;
	for (int c = 0; c < CHILDREN; c++) {
		int st;
		if (waitpid(pids[c], &st, 0) != pids[c] || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad++;
	}
	printf("done, %d children failed\n", bad);
	return bad != 0;
}

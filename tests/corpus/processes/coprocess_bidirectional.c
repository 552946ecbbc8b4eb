/* A bidirectional coprocess: two pipes to `cat`, 100 request/reply rounds
 * (each line written, then read back before the next), then a one-shot
 * exchange with `sort` (all lines in, close, all lines out).
 * corpus: native=same */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t start(const char *path, char *const argv[], int *to, int *from)
{
	int a[2], b[2];
	if (pipe(a) < 0 || pipe(b) < 0)
		return -1;
	pid_t c = fork();
	if (c == 0) {
		dup2(a[0], 0);
		dup2(b[1], 1);
		close(a[0]);
		close(a[1]);
		close(b[0]);
		close(b[1]);
		execv(path, argv);
		_exit(127);
	}
	close(a[0]);
	close(b[1]);
	*to = a[1];
	*from = b[0];
	return c;
}

int main(void)
{
	int to, from;
	char *cat_argv[] = { "cat", NULL };
	pid_t c = start("/bin/cat", cat_argv, &to, &from);
	int good = 0;
	for (int i = 0; i < 100; i++) {
		char line[32], back[32];
		int n = snprintf(line, sizeof line, "request %d\n", i);
		if (write(to, line, n) != n)
			return 1;
		int got = 0;
		while (got < n) {
			ssize_t r = read(from, back + got, n - got);
			if (r <= 0)
				return 1;
			got += r;
		}
		good += memcmp(line, back, n) == 0;
	}
	close(to);
	char tail;
	ssize_t eof = read(from, &tail, 1);
	close(from);
	int st;
	waitpid(c, &st, 0);
	printf("cat coprocess: %d of 100 replies matched, EOF after close: %s, exit %d\n", good,
	       eof == 0 ? "yes" : "no", WEXITSTATUS(st));

	char *sort_argv[] = { "sort", "-r", NULL };
	c = start("/usr/bin/sort", sort_argv, &to, &from);
	const char *in = "delta\nalpha\ncharlie\nbravo\n";
	if (write(to, in, strlen(in)) != (ssize_t)strlen(in))
		return 1;
	close(to);
	char buf[128];
	ssize_t n, total = 0;
	while ((n = read(from, buf + total, sizeof buf - 1 - total)) > 0)
		total += n;
	buf[total] = 0;
	waitpid(c, &st, 0);
	printf("sort coprocess exited %d and answered:\n%s", WEXITSTATUS(st), buf);
	return good != 100;
}

/* Four child processes append records to one O_APPEND file at once
 * (opened before the fork, so they share the file offset); the parent
 * reaps them, sorts the lines and prints them: deterministic content.
 * corpus: native=same */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { CHILDREN = 4, RECORDS = 250, RECLEN = 24 };

static int cmp(const void *a, const void *b)
{
	return memcmp(a, b, RECLEN);
}

int main(void)
{
	char dir[] = "/tmp/corpus-append-XXXXXX", path[64];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/log", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	int go[2];
	if (fd < 0 || pipe(go) < 0) {
		perror("open/pipe");
		return 1;
	}
	pid_t pids[CHILDREN];
	for (int c = 0; c < CHILDREN; c++) {
		pids[c] = fork();
		if (pids[c] < 0) {
			perror("fork");
			return 1;
		}
		if (pids[c] == 0) {
			char rec[RECLEN + 1], x;
			close(go[1]);
			if (read(go[0], &x, 1) != 0)	/* EOF: everyone is forked */
				_exit(2);
			for (int i = 0; i < RECORDS; i++) {
				snprintf(rec, sizeof rec, "child %d record %04d....", c, i);
				rec[RECLEN - 1] = '\n';
				if (write(fd, rec, RECLEN) != RECLEN)
					_exit(1);
			}
			_exit(0);
		}
	}
	close(go[0]);
	close(go[1]);
	close(fd);
	int bad = 0;
	for (int c = 0; c < CHILDREN; c++) {
		int st;
		if (waitpid(pids[c], &st, 0) != pids[c] || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad++;
	}
	static char data[CHILDREN * RECORDS * RECLEN + 1];
	int in = open(path, O_RDONLY);
	ssize_t n = in < 0 ? -1 : read(in, data, sizeof data);
	if (in >= 0)
		close(in);
	unlink(path);
	rmdir(dir);
	if (n != CHILDREN * RECORDS * RECLEN || bad) {
		fprintf(stderr, "read %zd bytes, expected %d; %d children failed\n",
			n, CHILDREN * RECORDS * RECLEN, bad);
		return 1;
	}
	qsort(data, CHILDREN * RECORDS, RECLEN, cmp);
	fwrite(data, 1, (size_t)n, stdout);
	printf("%zd bytes, %d records\n", n, CHILDREN * RECORDS);
	return 0;
}

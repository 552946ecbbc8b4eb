/* Four child processes each open one file with O_APPEND themselves and
 * append records at once; the parent reaps them and prints the file as
 * it is: the order of the records is the kernel's.
 * corpus: native=differs */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { CHILDREN = 4, RECORDS = 250, RECLEN = 24 };

int main(void)
{
	char dir[] = "/tmp/corpus-append-XXXXXX", path[64];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/log", dir);
	int go[2];
	if (pipe(go) < 0) {
		perror("pipe");
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
			int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
			if (fd < 0 || read(go[0], &x, 1) != 0)
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
	int bad = 0;
	for (int c = 0; c < CHILDREN; c++) {
		int st;
		if (waitpid(pids[c], &st, 0) != pids[c] || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad++;
	}
	static char data[CHILDREN * RECORDS * RECLEN + 1];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(data, 1, sizeof data, f) : 0;
	if (f)
		fclose(f);
	unlink(path);
	rmdir(dir);
	if (n != CHILDREN * RECORDS * RECLEN || bad) {
		fprintf(stderr, "read %zu bytes, expected %d; %d children failed\n",
			n, CHILDREN * RECORDS * RECLEN, bad);
		return 1;
	}
	fwrite(data, 1, n, stdout);
	printf("%zu bytes, %d records\n", n, CHILDREN * RECORDS);
	return 0;
}

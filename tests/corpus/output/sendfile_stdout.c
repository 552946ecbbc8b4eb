/* A file is written in a temp dir, then copied to stdout by the kernel
 * with sendfile(2) in chunks, and a part of it with splice(2) through a
 * pipe: the output bytes never pass through the program's memory.
 * corpus: native=same */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <unistd.h>

int main(void)
{
	char dir[] = "/tmp/corpus-sendfile-XXXXXX", path[64];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/src", dir);
	FILE *f = fopen(path, "w");
	for (int i = 0; i < 3000; i++)
		fprintf(f, "sendfile line %04d\n", i);
	fclose(f);
	int fd = open(path, O_RDONLY);
	unlink(path);
	rmdir(dir);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	off_t off = 0;
	long total = 0;
	int calls = 0;
	ssize_t n;
	while (calls < 1000 && (n = sendfile(1, fd, &off, 7000)) > 0) {
		total += n;
		calls++;
	}
	/* the first 20 lines again, spliced file -> pipe -> stdout */
	int p[2];
	if (pipe(p) < 0)
		return 1;
	loff_t in_off = 0;
	ssize_t s1 = splice(fd, &in_off, p[1], NULL, 20 * 19, 0);
	ssize_t s2 = s1 > 0 ? splice(p[0], NULL, 1, NULL, (size_t)s1, 0) : -1;
	fprintf(stderr, "sendfile: %ld bytes in %d calls; splice %zd/%zd\n", total, calls, s1, s2);
	close(fd);
	return total == 3000 * 19 && s2 == 20 * 19 ? 0 : 1;
}

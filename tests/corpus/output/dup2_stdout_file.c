/* stdout is redirected into a temp file with dup2, written through stdio
 * and write(2), then restored from a saved dup; the file is printed to
 * the real stdout afterwards: the fd table changes under stdio.
 * corpus: native=same */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
	char dir[] = "/tmp/corpus-dup2-XXXXXX", path[64];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/out", dir);
	printf("before the redirection\n");
	fflush(stdout);
	int saved = dup(1);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (saved < 0 || fd < 0 || dup2(fd, 1) < 0) {
		perror("dup");
		return 1;
	}
	close(fd);
	for (int i = 0; i < 5; i++)
		printf("into the file, stdio %d\n", i);
	fflush(stdout);
	if (write(1, "into the file, raw\n", 19) != 19)
		return 1;
	fprintf(stderr, "stderr untouched\n");
	dup2(saved, 1);
	close(saved);
	printf("after the redirection\n");
	fflush(stdout);

	FILE *f = fopen(path, "r");
	char line[128];
	int lines = 0;
	while (f && fgets(line, sizeof line, f)) {
		printf("file: %s", line);
		lines++;
	}
	if (f)
		fclose(f);
	unlink(path);
	rmdir(dir);
	printf("%d lines in the file\n", lines);
	return lines == 6 ? 0 : 1;
}

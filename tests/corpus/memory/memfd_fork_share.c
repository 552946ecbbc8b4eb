/* memfd_create + ftruncate + mmap(MAP_SHARED): a forked child writes a
 * line into each page of the inherited mapping; the parent reads them
 * through its mapping and again with pread() on the memfd, which reads
 * the same pages. fstat gives the size set by ftruncate.
 * corpus: native=same */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { PAGES = 4, PAGE = 4096 };

int main(void)
{
	int fd = memfd_create("corpus-memfd", MFD_CLOEXEC);
	if (fd < 0) {
		perror("memfd_create");
		return 1;
	}
	if (ftruncate(fd, PAGES * PAGE) < 0) {
		perror("ftruncate");
		return 1;
	}
	char *m = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	struct stat sb;
	fstat(fd, &sb);
	printf("memfd size %lld, regular file: %s\n", (long long)sb.st_size,
	       S_ISREG(sb.st_mode) ? "yes" : "no");
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		for (int p = 0; p < PAGES; p++)
			snprintf(m + p * PAGE, 64, "page %d written by the child", p);
		_exit(0);
	}
	int st;
	waitpid(c, &st, 0);
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	for (int p = 0; p < PAGES; p++) {
		char buf[64] = "";
		if (pread(fd, buf, sizeof buf - 1, (off_t)p * PAGE) < 0)
			perror("pread");
		printf("mapping: \"%s\"  pread: \"%s\"\n", m + p * PAGE, buf);
		if (strcmp(m + p * PAGE, buf) != 0)
			ok = 0;
	}
	munmap(m, PAGES * PAGE);
	close(fd);
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}

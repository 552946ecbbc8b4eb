/* A memfd grown with ftruncate after it was mapped: the parent grows it
 * from one page to four and maps it again to reach the new pages; a
 * forked child that still has only the one-page mapping maps the fd again
 * to read them, then grows it to eight pages itself and writes page 7
 * with pwrite; the parent sees the new size and maps it a third time.
 * corpus: native=same */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { PAGE = 4096 };

static long size_of(int fd)
{
	struct stat sb;
	return fstat(fd, &sb) < 0 ? -1 : (long)sb.st_size;
}

int main(void)
{
	int fd = memfd_create("corpus-grow", MFD_CLOEXEC);
	if (fd < 0 || ftruncate(fd, PAGE) < 0) {
		perror("memfd");
		return 1;
	}
	char *one = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (one == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	strcpy(one, "page 0 from the first mapping");
	int p2c[2];
	if (pipe(p2c) < 0) {
		perror("pipe");
		return 1;
	}
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		char b;
		close(p2c[1]);
		if (read(p2c[0], &b, 1) != 1)
			_exit(3);
		long sz = size_of(fd);
		char *all = mmap(NULL, sz, PROT_READ, MAP_SHARED, fd, 0);
		if (all == MAP_FAILED)
			_exit(4);
		printf("child: size %ld, page 0 \"%s\", page 3 \"%s\"\n", sz, one, all + 3 * PAGE);
		fflush(stdout);
		int bad = strcmp(all + 3 * PAGE, "page 3 after growing");
		if (ftruncate(fd, 8 * PAGE) < 0)
			_exit(5);
		const char msg[] = "page 7 by pwrite from the child";
		if (pwrite(fd, msg, sizeof msg, 7 * PAGE) != sizeof msg)
			_exit(6);
		munmap(all, sz);
		_exit(bad ? 2 : 0);
	}
	close(p2c[0]);
	if (ftruncate(fd, 4 * PAGE) < 0) {
		perror("ftruncate");
		return 1;
	}
	char *four = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (four == MAP_FAILED) {
		perror("mmap 4");
		return 1;
	}
	strcpy(four + 3 * PAGE, "page 3 after growing");
	printf("parent: size %ld, page 0 through the second mapping \"%s\"\n", size_of(fd), four);
	fflush(stdout);
	if (write(p2c[1], "g", 1) != 1)
		return 1;
	int st;
	waitpid(c, &st, 0);
	long sz = size_of(fd);
	char *eight = mmap(NULL, sz, PROT_READ, MAP_SHARED, fd, 0);
	if (eight == MAP_FAILED) {
		perror("mmap 8");
		return 1;
	}
	printf("parent: size %ld after the child, page 7 \"%s\", page 6 byte 0 = %d\n", sz,
	       eight + 7 * PAGE, eight[6 * PAGE]);
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && sz == 8 * PAGE &&
		 !strcmp(eight + 7 * PAGE, "page 7 by pwrite from the child");
	munmap(one, PAGE);
	munmap(four, 4 * PAGE);
	munmap(eight, sz);
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}

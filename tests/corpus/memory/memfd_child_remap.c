/* A forked child maps the memfd it inherited a second time, itself (the
 * whole file at a new address, and page 2 alone at offset 8192), and reads
 * there what the parent writes after the fork; its reply through its own
 * mapping reaches the parent's mapping. Pipes order the two.
 * corpus: native=same */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { PAGE = 4096, LEN = 4 * PAGE };

static int readc(int fd)
{
	char b;
	return read(fd, &b, 1) == 1 ? b : -1;
}

int main(void)
{
	int fd = memfd_create("corpus-remap", 0);
	if (fd < 0 || ftruncate(fd, LEN) < 0) {
		perror("memfd");
		return 1;
	}
	char *m = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	int p2c[2], c2p[2];
	if (pipe(p2c) < 0 || pipe(c2p) < 0) {
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
		char *again = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		char *page2 = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 2 * PAGE);
		if (again == MAP_FAILED || page2 == MAP_FAILED)
			_exit(3);
		if (write(c2p[1], "m", 1) != 1 || readc(p2c[0]) != 'w')
			_exit(4);
		printf("child, own mapping:  \"%s\"\n", again);
		printf("child, page 2 alone: \"%s\"\n", page2);
		printf("child, inherited:    \"%s\"\n", m + 3 * PAGE);
		fflush(stdout);
		int bad = strcmp(again, "parent wrote page 0") || strcmp(page2, "parent wrote page 2") ||
			  strcmp(m + 3 * PAGE, "parent wrote page 3");
		strcpy(again + PAGE, "child wrote page 1 through its own mapping");
		munmap(again, LEN);
		munmap(page2, PAGE);
		_exit(bad ? 2 : 0);
	}
	if (readc(c2p[0]) != 'm') {
		fprintf(stderr, "child did not map\n");
		return 1;
	}
	for (int p = 0; p < 4; p++)
		snprintf(m + p * PAGE, 64, "parent wrote page %d", p);
	if (write(p2c[1], "w", 1) != 1)
		return 1;
	int st;
	waitpid(c, &st, 0);
	printf("parent reads page 1: \"%s\"\n", m + PAGE);
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
		 !strcmp(m + PAGE, "child wrote page 1 through its own mapping");
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}

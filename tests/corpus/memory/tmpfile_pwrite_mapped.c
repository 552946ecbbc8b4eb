/* While a forked child has an unlinked tmpfile() mapped MAP_SHARED, the
 * parent changes the file with write() and pwrite() (no store through any
 * mapping); the child then reads the new bytes through its mapping,
 * because the mapping and the fd share the page cache. The child also
 * writes through the mapping and the parent reads that with pread().
 * corpus: native=same */
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
	FILE *f = tmpfile();
	if (!f) {
		perror("tmpfile");
		return 1;
	}
	int fd = fileno(f);
	static char zero[LEN];
	if (write(fd, zero, LEN) != LEN) {
		perror("write");
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
		char *m = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (m == MAP_FAILED)
			_exit(3);
		/* touch every page before the parent writes, so they are mapped */
		long before = 0;
		for (int i = 0; i < LEN; i += PAGE)
			before += m[i];
		if (write(c2p[1], "m", 1) != 1 || readc(p2c[0]) != 'w')
			_exit(4);
		printf("child sees (before: %ld): \"%s\" | \"%s\" | \"%s\"\n", before, m, m + PAGE + 10,
		       m + 3 * PAGE);
		fflush(stdout);
		int bad = strcmp(m, "by write() at 0") || strcmp(m + PAGE + 10, "by pwrite() at 4106") ||
			  strcmp(m + 3 * PAGE, "by pwrite() into the last page");
		strcpy(m + 2 * PAGE, "child stored through its mapping");
		munmap(m, LEN);
		_exit(bad ? 2 : 0);
	}
	if (readc(c2p[0]) != 'm') {
		fprintf(stderr, "child did not map\n");
		return 1;
	}
	const char a[] = "by write() at 0", b[] = "by pwrite() at 4106",
		   d[] = "by pwrite() into the last page";
	if (lseek(fd, 0, SEEK_SET) != 0 || write(fd, a, sizeof a) != sizeof a ||
	    pwrite(fd, b, sizeof b, PAGE + 10) != sizeof b ||
	    pwrite(fd, d, sizeof d, 3 * PAGE) != sizeof d) {
		perror("write");
		return 1;
	}
	if (write(p2c[1], "w", 1) != 1)
		return 1;
	int st;
	waitpid(c, &st, 0);
	char buf[64] = "";
	if (pread(fd, buf, sizeof buf - 1, 2 * PAGE) < 0)
		perror("pread");
	printf("parent pread page 2: \"%s\"\n", buf);
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
		 !strcmp(buf, "child stored through its mapping");
	fclose(f);
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}

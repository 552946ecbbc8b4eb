/* tmpfile() gives an unlinked file (glibc opens it with O_TMPFILE where it
 * can): it has no name and no link, yet mapped MAP_SHARED it is shared
 * with a forked child like any file; the child's stores through the
 * mapping are what the parent reads with read() from the FILE's fd.
 * corpus: native=same */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { LEN = 3 * 4096 };

int main(void)
{
	FILE *f = tmpfile();
	if (!f) {
		perror("tmpfile");
		return 1;
	}
	int fd = fileno(f);
	if (ftruncate(fd, LEN) < 0) {
		perror("ftruncate");
		return 1;
	}
	struct stat sb;
	fstat(fd, &sb);
	printf("tmpfile: %ld links, size %lld\n", (long)sb.st_nlink, (long long)sb.st_size);
	int *m = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		for (int i = 0; i < LEN / 4; i++)
			m[i] = i * 3 + 1;
		_exit(0);
	}
	int st;
	waitpid(c, &st, 0);
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	static int back[LEN / 4];
	if (lseek(fd, 0, SEEK_SET) != 0 || read(fd, back, LEN) != LEN) {
		perror("read");
		return 1;
	}
	long sum = 0;
	for (int i = 0; i < LEN / 4; i++)
		sum += back[i];
	printf("read back: [0]=%d [1000]=%d [3071]=%d sum=%ld, same as mapping: %s\n", back[0],
	       back[1000], back[3071], sum, memcmp(back, m, LEN) ? "no" : "yes");
	ok = ok && sum == 14154240 && !memcmp(back, m, LEN);
	munmap(m, LEN);
	fclose(f);
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}

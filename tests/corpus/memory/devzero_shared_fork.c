/* mmap of /dev/zero with MAP_SHARED gives shared anonymous memory (the old
 * way, before MAP_ANONYMOUS): it starts zeroed, and a forked child's
 * writes to it are what the parent reads, on every page of it.
 * corpus: native=same */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { PAGES = 8, PAGE = 4096 };

int main(void)
{
	int fd = open("/dev/zero", O_RDWR);
	if (fd < 0) {
		perror("/dev/zero");
		return 1;
	}
	unsigned char *m = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	close(fd);
	long nonzero = 0;
	for (int i = 0; i < PAGES * PAGE; i++)
		nonzero += m[i] != 0;
	printf("fresh mapping: %ld nonzero bytes\n", nonzero);
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		for (int p = 0; p < PAGES; p++)
			for (int i = 0; i < PAGE; i += 512)
				m[p * PAGE + i] = (unsigned char)(p * 16 + i / 512);
		_exit(0);
	}
	int st;
	waitpid(c, &st, 0);
	long sum = 0;
	nonzero = 0;
	for (int i = 0; i < PAGES * PAGE; i++) {
		sum += m[i];
		nonzero += m[i] != 0;
	}
	printf("after child: %ld nonzero bytes, sum %ld, page 5 byte 1024 = %d\n", nonzero,
	       sum, m[5 * PAGE + 1024]);
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && sum == 3808 && m[5 * PAGE + 1024] == 82;
	munmap(m, PAGES * PAGE);
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}

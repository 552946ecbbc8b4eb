/* A MAP_SHARED mapping of a regular file (in a mkdtemp directory) follows
 * the file as it grows: ftruncate from 2 to 6 pages, mremap(MREMAP_MAYMOVE)
 * of the mapping to 6 pages, stores into the new pages, and pread sees
 * them; a forked child reads them through the remapped mapping it
 * inherits; then the mapping is shrunk back to 1 page with mremap.
 * corpus: native=same */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { PAGE = 4096 };

int main(void)
{
	char dir[] = "/tmp/corpus-mem-XXXXXX", path[64];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/grow", dir);
	int ok = 1;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		perror("open");
		rmdir(dir);
		return 1;
	}
	char *m = MAP_FAILED;
	if (ftruncate(fd, 2 * PAGE) < 0) {
		ok = 0;
		goto out;
	}
	m = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		perror("mmap");
		ok = 0;
		goto out;
	}
	strcpy(m, "first page, before growing");
	strcpy(m + PAGE, "second page, before growing");
	if (ftruncate(fd, 6 * PAGE) < 0) {
		perror("ftruncate");
		ok = 0;
		goto out;
	}
	char *g = mremap(m, 2 * PAGE, 6 * PAGE, MREMAP_MAYMOVE);
	if (g == MAP_FAILED) {
		perror("mremap");
		ok = 0;
		goto out;
	}
	m = g;
	for (int p = 2; p < 6; p++)
		snprintf(m + p * PAGE, 64, "page %d, stored after mremap", p);
	struct stat sb;
	fstat(fd, &sb);
	printf("file size %lld; old pages kept: \"%s\" / \"%s\"\n", (long long)sb.st_size, m,
	       m + PAGE);
	char buf[64] = "";
	if (pread(fd, buf, sizeof buf - 1, 5 * PAGE) < 0)
		perror("pread");
	printf("pread page 5: \"%s\"\n", buf);
	if (strcmp(buf, "page 5, stored after mremap"))
		ok = 0;
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		ok = 0;
		goto out;
	}
	if (c == 0) {
		printf("child reads page 3: \"%s\"\n", m + 3 * PAGE);
		fflush(stdout);
		strcpy(m + 4 * PAGE, "page 4, from the child");
		_exit(strcmp(m + 3 * PAGE, "page 3, stored after mremap") ? 2 : 0);
	}
	int st;
	waitpid(c, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		ok = 0;
	if (pread(fd, buf, sizeof buf - 1, 4 * PAGE) < 0)
		perror("pread");
	printf("pread page 4: \"%s\"\n", buf);
	if (strcmp(buf, "page 4, from the child"))
		ok = 0;
	g = mremap(m, 6 * PAGE, PAGE, 0);
	if (g == MAP_FAILED) {
		perror("mremap shrink");
		ok = 0;
		goto out;
	}
	printf("after shrinking to 1 page, same address: %s, \"%s\"\n", g == m ? "yes" : "no", g);
	if (g != m)
		ok = 0;
	munmap(g, PAGE);
	m = MAP_FAILED;
out:
	if (m != MAP_FAILED)
		munmap(m, PAGE);
	close(fd);
	if (unlink(path) < 0 || rmdir(dir) < 0) {
		perror("cleanup");
		ok = 0;
	}
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}

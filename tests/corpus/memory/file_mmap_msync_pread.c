/* A regular file in a mkdtemp() directory under /tmp: written with
 * write(), mapped MAP_SHARED read-write, changed through the mapping,
 * msync(MS_SYNC)ed, and read back with pread(); then a write() to the fd
 * shows up in the mapping, and after munmap and close a fresh open/read
 * still has every change. The directory is removed at the end.
 * corpus: native=same */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { PAGE = 4096, LEN = 3 * PAGE };

int main(void)
{
	char dir[] = "/tmp/corpus-mem-XXXXXX", path[64];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/data", dir);
	int ok = 1;
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		perror("open");
		rmdir(dir);
		return 1;
	}
	static char buf[LEN], back[LEN];
	for (int i = 0; i < LEN; i++)
		buf[i] = 'a' + i % 26;
	if (write(fd, buf, LEN) != LEN) {
		perror("write");
		ok = 0;
		goto out;
	}
	char *m = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED) {
		perror("mmap");
		ok = 0;
		goto out;
	}
	printf("mapping starts \"%.10s\", page 2 starts \"%.6s\"\n", m, m + 2 * PAGE);
	memcpy(m + 5, "MAPPED", 6);
	memset(m + PAGE, '#', 100);
	memcpy(m + LEN - 4, "END!", 4);
	if (msync(m, LEN, MS_SYNC) < 0) {
		perror("msync");
		ok = 0;
	}
	if (pread(fd, back, LEN, 0) != LEN) {
		perror("pread");
		ok = 0;
	}
	printf("pread after msync: \"%.14s\" \"%.4s\" \"%.4s\", equal to mapping: %s\n", back,
	       back + PAGE + 98, back + LEN - 4, memcmp(back, m, LEN) ? "no" : "yes");
	if (memcmp(back, m, LEN))
		ok = 0;
	if (pwrite(fd, "WRITTEN", 7, 2 * PAGE) != 7) {
		perror("pwrite");
		ok = 0;
	}
	printf("mapping after pwrite: \"%.10s\"\n", m + 2 * PAGE);
	if (memcmp(m + 2 * PAGE, "WRITTEN", 7))
		ok = 0;
	munmap(m, LEN);
	close(fd);
	fd = open(path, O_RDONLY);
	long got = fd < 0 ? -1 : read(fd, back, LEN);
	int changes = !memcmp(back + 5, "MAPPED", 6) + (back[PAGE + 50] == '#') +
		      !memcmp(back + LEN - 4, "END!", 4) + !memcmp(back + 2 * PAGE, "WRITTEN", 7);
	printf("reopened: %ld bytes, %d of 4 changes there\n", got, changes);
	if (got != LEN || changes != 4)
		ok = 0;
out:
	if (fd >= 0)
		close(fd);
	if (unlink(path) < 0 || rmdir(dir) < 0) {
		perror("cleanup");
		ok = 0;
	}
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}

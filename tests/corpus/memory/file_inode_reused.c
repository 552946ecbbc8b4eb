/* A file that was mapped MAP_SHARED is unmapped and unlinked; on most
 * filesystems (ext4 among them) the next file made in the same directory
 * gets its inode number back. Here that is first a fifo, written and read
 * through one O_RDWR fd, then a regular file, written with write() and
 * then mapped shared. sqlite3 in WAL mode does the same: its last
 * connection deletes the -shm file it had mapped. A recorder that tells
 * shared files apart by device and inode alone must not take the fifo or
 * the new file for the old one.
 * corpus: native=same */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum { LEN = 4096, ROUNDS = 3 };

/* Make path, map it shared, store text, then unmap and unlink it. */
static int map_and_drop(const char *path, const char *text)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || ftruncate(fd, LEN) < 0)
		return -1;
	char *p = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	strcpy(p, text);
	munmap(p, LEN);
	return unlink(path);
}

/* A fifo where the file was: one write, one read back. */
static int fifo_round(const char *path, int round)
{
	if (mkfifo(path, 0600) < 0)
		return -1;
	int fd = open(path, O_RDWR);
	if (fd < 0)
		return -1;
	char msg[32], got[32] = {0};
	int n = snprintf(msg, sizeof msg, "fifo message %d", round);
	int ok = write(fd, msg, (size_t)n) == n && read(fd, got, sizeof got - 1) == n;
	close(fd);
	unlink(path);
	if (!ok)
		return -1;
	printf("round %d: %s\n", round, got);
	return 0;
}

/* A regular file where the fifo was: written with write(), then mapped. */
static int file_round(const char *path, int round)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || ftruncate(fd, LEN) < 0)
		return -1;
	char msg[32];
	int n = snprintf(msg, sizeof msg, "written %d", round);
	if (write(fd, msg, (size_t)n) != n)
		return -1;
	char *p = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		return -1;
	printf("round %d: mapped \"%s\"\n", round, p);
	strcat(p, " and stored");
	char back[32] = {0};
	if (pread(fd, back, sizeof back - 1, 0) < 0)
		return -1;
	printf("round %d: read back \"%s\"\n", round, back);
	munmap(p, LEN);
	close(fd);
	return unlink(path);
}

int main(void)
{
	char dir[] = "/tmp/corpus-ino-XXXXXX", path[64];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/f", dir);
	int rc = 0;
	for (int round = 0; round < ROUNDS && !rc; round++) {
		char text[32];
		snprintf(text, sizeof text, "old mapping %d", round);
		if (map_and_drop(path, text) < 0 || fifo_round(path, round) < 0 ||
		    map_and_drop(path, text) < 0 || file_round(path, round) < 0) {
			perror(path);
			rc = 1;
		}
	}
	unlink(path);
	rmdir(dir);
	return rc;
}

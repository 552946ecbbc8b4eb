/* Bad pointers handed to the data calls fail with EFAULT, as natively:
 * read, write, pread64, pwrite64, readv and writev with a buffer or an
 * iovec array at an unmapped address, at a PROT_NONE page and at a page
 * already unmapped; writev whose second iovec is bad sends the first and
 * returns its length; sendfile to stdout with an offset pointer the
 * kernel cannot read (the recorder, which reads that offset to keep the
 * bytes for replay, lets the call fail). Nothing is lost from the pipe
 * the failed reads were given.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static void show(const char *what, long r)
{
	printf("%-28s %ld %s\n", what, r, r < 0 ? strerrorname_np(errno) : "");
	fflush(stdout);
	errno = 0;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *none = mmap(NULL, page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	char *gone = mmap(NULL, page, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (none == MAP_FAILED || gone == MAP_FAILED)
		return 1;
	munmap(gone, page);
	void *bad[3] = { (void *)8, none, gone };
	const char *where[3] = { "low", "PROT_NONE", "unmapped" };
	int p[2];
	if (pipe(p) < 0 || write(p[1], "kept", 4) != 4)
		return 1;
	char name[64];
	for (int i = 0; i < 3; i++) {
		snprintf(name, sizeof name, "read %s", where[i]);
		show(name, syscall(SYS_read, p[0], bad[i], 4));
		snprintf(name, sizeof name, "write %s", where[i]);
		show(name, syscall(SYS_write, 1, bad[i], 4));
		snprintf(name, sizeof name, "readv %s iovecs", where[i]);
		show(name, syscall(SYS_readv, p[0], bad[i], 1));
		snprintf(name, sizeof name, "writev %s iovecs", where[i]);
		show(name, syscall(SYS_writev, 1, bad[i], 2));
	}
	char path[] = "/tmp/heisen-badptr-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 1;
	unlink(path);
	if (write(fd, "file bytes\n", 11) != 11)
		return 1;
	show("pread64 low", syscall(SYS_pread64, fd, (void *)8, 4, 0));
	show("pwrite64 low", syscall(SYS_pwrite64, fd, (void *)8, 4, 0));
	struct iovec v[2] = { { "first half\n", 11 }, { none, 5 } };
	show("writev, second bad", syscall(SYS_writev, 1, v, 2));
	show("sendfile bad offset", syscall(SYS_sendfile, 1, fd, (void *)8, 11));
	off_t off = 0;
	show("sendfile", sendfile(1, fd, &off, 11));
	printf("offset after sendfile: %ld\n", (long)off);
	char got[8] = "";
	show("pipe still holds", read(p[0], got, sizeof got));
	printf("it says: %s\n", got);
	return 0;
}

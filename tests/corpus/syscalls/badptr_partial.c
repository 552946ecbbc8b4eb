/* Buffers that end where the mapping ends: the kernel copies what fits
 * and stops there. A read of 100 bytes from a pipe into a buffer 40 bytes
 * before an unmapped page stores those 40 bytes and fails with EFAULT
 * (fs/pipe.c: its first copy faulted), the pipe keeping all 100; readv
 * whose second iovec is bad fills the first and fails the same way; a
 * read from a file into the same buffer returns 40; getsockname into a
 * 2-byte buffer at the end of the mapping stores 2 bytes and reports the
 * address's full length; fstat 16 bytes before the end stores those and
 * fails with EFAULT. The bytes stored before each fault are printed: the
 * replay must store them too.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static void show(const char *what, long r)
{
	printf("%-26s %ld %s\n", what, r, r < 0 ? strerrorname_np(errno) : "");
	errno = 0;
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 1;
	munmap(m + page, page);
	char *end = m + page;
	int p[2];
	char text[100];
	for (int i = 0; i < 100; i++)
		text[i] = (char)('a' + i % 26);
	if (pipe(p) < 0 || write(p[1], text, 100) != 100)
		return 1;
	show("read across the end", syscall(SYS_read, p[0], end - 40, 100));
	printf("stored: %.40s\n", end - 40);
	struct iovec v[2] = { { m, 10 }, { end + 100, 10 } };
	show("readv, second bad", syscall(SYS_readv, p[0], v, 2));
	printf("stored: %.10s\n", m);
	char rest[101] = "";
	show("the pipe keeps", read(p[0], rest, sizeof rest - 1));
	printf("rest starts: %.26s\n", rest);
	char path[] = "/tmp/heisen-partial-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 1;
	unlink(path);
	for (int i = 0; i < 100; i++)
		text[i] = (char)('A' + i % 26);
	if (pwrite(fd, text, 100, 0) != 100)
		return 1;
	memset(end - 40, 0, 40);
	show("file read across the end", syscall(SYS_pread64, fd, end - 40, 100, 0));
	printf("stored: %.40s\n", end - 40);

	/* autobind: an abstract name of 5 hex digits, 8 bytes in all */
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	if (bind(s, (struct sockaddr *)&a, sizeof(sa_family_t)) < 0)
		return 1;
	socklen_t len = 2;
	memset(end - 2, 0, 2);
	show("getsockname, 2 bytes", syscall(SYS_getsockname, s, end - 2, &len));
	unsigned short fam;
	memcpy(&fam, end - 2, 2);
	printf("family %s, reported length %u\n",
	       fam == AF_UNIX ? "AF_UNIX" : "?", (unsigned)len);
	memset(end - 16, 0x5a, 16);
	int zero = 1;
	show("fstat at the end", syscall(SYS_fstat, p[0], end - 16));
	for (int i = 0; i < 16; i++)
		if (end[-16 + i] != 0x5a)
			zero = 0;
	printf("fstat stored its first 16 bytes: %s\n", zero ? "no" : "yes");
	return 0;
}

/* mincore on an anonymous mapping of eight pages, of which three were
 * written: the vector says which are resident (one byte a page, the last
 * partial page counted). A length that is not a page multiple rounds up;
 * an unmapped range gives ENOMEM, an unaligned start EINVAL, and a vector
 * the kernel cannot write EFAULT.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { PAGES = 8 };

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned char *m = mmap(NULL, PAGES * page, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned char vec[PAGES + 1];
	if (m == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	m[0] = 1;
	m[2 * page + 17] = 2;
	m[5 * page + page - 1] = 3;
	memset(vec, 0xee, sizeof vec);
	if (mincore(m, PAGES * page, vec) < 0) {
		perror("mincore");
		return 1;
	}
	printf("resident:");
	for (int i = 0; i < PAGES; i++)
		printf(" %d", vec[i] & 1);
	printf("  (guard byte %#x)\n", vec[PAGES]);
	/* 2.5 pages: three bytes */
	memset(vec, 0xee, sizeof vec);
	int r = mincore(m + 2 * page, 2 * page + page / 2, vec);
	printf("partial length: %d, bytes %d %d %d, next %#x\n", r,
	       vec[0] & 1, vec[1] & 1, vec[2] & 1, vec[3]);
	munmap(m + 6 * page, 2 * page);
	errno = 0;
	r = mincore(m + 6 * page, page, vec);
	printf("unmapped: %d %s\n", r, strerrorname_np(errno));
	errno = 0;
	r = mincore(m + 1, page, vec);
	printf("unaligned: %d %s\n", r, strerrorname_np(errno));
	errno = 0;
	r = mincore(m, page, (unsigned char *)8);
	printf("bad vector: %d %s\n", r, strerrorname_np(errno));
	munmap(m, 6 * page);
	return 0;
}

/* A file built with pwritev at offsets, copied within the kernel by
 * copy_file_range(2) into a second file with a gap (a hole), read back
 * with preadv into three buffers and printed; then the hole shown as zeros.
 * corpus: native=same */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
	char dir[] = "/tmp/corpus-cfr-XXXXXX", src[64], dst[64];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(src, sizeof src, "%s/src", dir);
	snprintf(dst, sizeof dst, "%s/dst", dir);
	int in = open(src, O_RDWR | O_CREAT | O_TRUNC, 0600);
	int out = open(dst, O_RDWR | O_CREAT | O_TRUNC, 0600);
	unlink(src);
	unlink(dst);
	rmdir(dir);
	if (in < 0 || out < 0) {
		perror("open");
		return 1;
	}
	char a[] = "first part, ", b[] = "second part, ", c[] = "third part\n";
	struct iovec w[3] = { { a, strlen(a) }, { b, strlen(b) }, { c, strlen(c) } };
	ssize_t total = pwritev(in, w, 3, 0);
	ssize_t again = pwritev(in, w, 3, total);	/* the same once more */
	loff_t off_in = 0, off_out = 8;
	ssize_t copied = copy_file_range(in, &off_in, out, &off_out, (size_t)(total + again), 0);
	char x[12], y[13], z[200];
	memset(z, 0, sizeof z);
	struct iovec r[3] = { { x, sizeof x }, { y, sizeof y }, { z, sizeof z } };
	ssize_t got = preadv(out, r, 3, 8);
	printf("wrote %zd + %zd, copied %zd, read %zd\n", total, again, copied, got);
	printf("[%.*s][%.*s][%s]", (int)sizeof x, x, (int)sizeof y, y, z);
	unsigned char hole[8];
	ssize_t h = pread(out, hole, sizeof hole, 0);
	printf("hole of %zd bytes:", h);
	for (int i = 0; i < h; i++)
		printf(" %d", hole[i]);
	printf("\n");
	close(in);
	close(out);
	return copied == total + again && got == copied ? 0 : 1;
}

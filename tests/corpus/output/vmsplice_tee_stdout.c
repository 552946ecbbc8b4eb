/* Output that the kernel moves between pipes: vmsplice(2) of user pages
 * into a pipe, tee(2) duplicating that pipe's content into a second pipe
 * without consuming it, and splice(2) of both to stdout.
 * corpus: native=same */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
	static char page[4096] __attribute__((aligned(4096)));
	int n = 0;
	for (int i = 0; n + 40 < (int)sizeof page; i++)
		n += snprintf(page + n, sizeof page - (size_t)n, "vmspliced line %03d\n", i);
	int a[2], b[2];
	if (pipe(a) < 0 || pipe(b) < 0) {
		perror("pipe");
		return 1;
	}
	struct iovec iov = { page, (size_t)n };
	ssize_t v = vmsplice(a[1], &iov, 1, 0);
	ssize_t t = tee(a[0], b[1], (size_t)n, 0);
	/* the copy first, then the original */
	ssize_t s1 = splice(b[0], NULL, 1, NULL, (size_t)n, 0);
	ssize_t s2 = splice(a[0], NULL, 1, NULL, (size_t)n, 0);
	fprintf(stderr, "vmsplice %zd, tee %zd, splice %zd + %zd of %d\n", v, t, s1, s2, n);
	return v == n && t == n && s1 == n && s2 == n ? 0 : 1;
}

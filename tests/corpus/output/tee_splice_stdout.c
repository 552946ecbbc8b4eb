/* Output moved by the kernel between pipes: lines written into a pipe,
 * tee(2) duplicating that pipe's content into a second pipe without
 * consuming it, and splice(2) of both pipes to stdout (the copy first).
 * corpus: native=same */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
	char text[4096];
	int n = 0;
	for (int i = 0; n + 40 < (int)sizeof text; i++)
		n += snprintf(text + n, sizeof text - (size_t)n, "teed line %03d\n", i);
	int a[2], b[2];
	if (pipe(a) < 0 || pipe(b) < 0) {
		perror("pipe");
		return 1;
	}
	ssize_t w = write(a[1], text, (size_t)n);
	ssize_t t = tee(a[0], b[1], (size_t)n, 0);
	ssize_t s1 = splice(b[0], NULL, 1, NULL, (size_t)n, 0);
	ssize_t s2 = splice(a[0], NULL, 1, NULL, (size_t)n, 0);
	fprintf(stderr, "write %zd, tee %zd, splice %zd + %zd of %d\n", w, t, s1, s2, n);
	return w == n && t == n && s1 == n && s2 == n ? 0 : 1;
}

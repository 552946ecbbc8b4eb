/* One thread interleaves stdout and stderr through stdio (fully
 * buffered stdout, unbuffered stderr, explicit fflush) and raw write(2)
 * on fds 1 and 2: each stream must be replayed with its own bytes.
 * corpus: native=same */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int raw(int fd, const char *s)
{
	size_t n = strlen(s);
	return write(fd, s, n) == (ssize_t)n ? 0 : -1;
}

int main(void)
{
	int bad = 0;
	for (int i = 0; i < 50; i++) {
		printf("out stdio %d\n", i);
		fprintf(stderr, "err stdio %d\n", i);
		if (i % 7 == 0)
			fflush(stdout);
		char line[64];
		snprintf(line, sizeof line, "out raw %d\n", i);
		bad |= raw(1, line);
		snprintf(line, sizeof line, "err raw %d\n", i);
		bad |= raw(2, line);
	}
	/* a partial line on each, then the rest */
	printf("no newline yet...");
	fflush(stdout);
	fputs("stderr half...", stderr);
	bad |= raw(1, " now\n");
	bad |= raw(2, " done\n");
	printf("last stdio line\n");
	return bad ? 1 : 0;
}

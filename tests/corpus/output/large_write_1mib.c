/* One write(2) of 1 MiB to stdout, then one of 256 KiB to stderr: far
 * more than a pipe holds, so the kernel blocks the writer while the
 * reader drains it; the replay must re-emit the whole buffer in one piece.
 * corpus: native=same */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { BIG = 1 << 20, SMALL = 256 << 10, LINE = 32 };

static char buf[BIG];

static uint32_t fnv(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
}

int main(void)
{
	for (int i = 0; i < BIG / LINE; i++) {
		char *p = buf + i * LINE;
		snprintf(p, LINE, "line %07d of the big write...", i);
		p[LINE - 1] = '\n';
	}
	ssize_t n = write(1, buf, BIG);
	ssize_t m = write(2, buf, SMALL);
	char msg[128];
	int k = snprintf(msg, sizeof msg, "stdout write returned %zd, stderr %zd, fnv %08x\n",
			 n, m, fnv(buf, BIG));
	if (write(2, msg, (size_t)k) != k)
		return 1;
	return n == BIG && m == SMALL ? 0 : 1;
}

/* Partial writes: a 100000-byte write into an empty non-blocking pipe
 * returns what fits (the pipe's capacity), the next one fails EAGAIN, and
 * after a partial read a write fits only in the freed pages. Then the
 * same through a writer loop that handles short writes.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { BIG = 100000 };
static char out[BIG], in[BIG];

int main(void)
{
	for (int i = 0; i < BIG; i++)
		out[i] = (char)('a' + i % 26);
	int p[2];
	if (pipe2(p, O_NONBLOCK) < 0) {
		perror("pipe2");
		return 1;
	}
	int cap = fcntl(p[1], F_GETPIPE_SZ);
	printf("pipe capacity %d\n", cap);
	ssize_t w1 = write(p[1], out, BIG);
	printf("first write returned %zd (capacity %s)\n", w1, w1 == cap ? "filled" : "NOT filled");
	ssize_t w2 = write(p[1], out + w1, BIG - (size_t)w1);
	printf("second write returned %zd, %s\n", w2, w2 < 0 && errno == EAGAIN ? "EAGAIN" : "?");
	ssize_t r1 = read(p[0], in, 10000);
	printf("read %zd\n", r1);
	ssize_t w3 = write(p[1], out + w1, BIG - (size_t)w1);
	printf("third write returned %zd\n", w3);
	if (w1 <= 0 || w3 <= 0)
		return 1;

	/* drain, then move all of it through with a poll/short-write loop */
	size_t have = (size_t)r1;
	ssize_t r;
	while ((r = read(p[0], in + have, BIG - have)) > 0)
		have += (size_t)r;
	size_t sent = (size_t)(w1 + w3);
	int loops = 0;
	while (have < BIG && loops < 10000) {
		loops++;
		struct pollfd pf[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
		if (poll(pf, sent < BIG ? 2 : 1, 1000) <= 0)
			break;
		if (sent < BIG && (pf[1].revents & POLLOUT)) {
			ssize_t w = write(p[1], out + sent, BIG - sent);
			if (w > 0)
				sent += (size_t)w;
		}
		if (pf[0].revents & POLLIN) {
			r = read(p[0], in + have, BIG - have);
			if (r > 0)
				have += (size_t)r;
		}
	}
	int same = have == BIG && memcmp(in, out, BIG) == 0;
	printf("moved %zu bytes, %s\n", have, same ? "intact" : "CORRUPT");
	return same ? 0 : 1;
}

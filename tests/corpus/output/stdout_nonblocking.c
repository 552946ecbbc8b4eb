/* stdout (a pipe) is set O_NONBLOCK and 2 MiB is written through it with
 * a retry loop: a write returns short or fails EAGAIN whenever the reader
 * lags, so the count of short writes and EAGAINs (on stderr) varies.
 * corpus: native=differs */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { TOTAL = 2 << 20, CHUNK = 48 << 10 };
static char buf[CHUNK];

int main(void)
{
	for (int i = 0; i < CHUNK; i++)
		buf[i] = (i % 64 == 63) ? '\n' : (char)('A' + i % 26);
	int fl = fcntl(1, F_GETFL);
	if (fl < 0 || fcntl(1, F_SETFL, fl | O_NONBLOCK) < 0) {
		perror("fcntl");
		return 1;
	}
	long sent = 0, shorts = 0, again = 0, calls = 0;
	while (sent < TOTAL && calls < 1000000) {
		calls++;
		size_t want = (size_t)(TOTAL - sent < CHUNK ? TOTAL - sent : CHUNK);
		size_t off = (size_t)(sent % CHUNK);
		if (want > CHUNK - off)
			want = CHUNK - off;
		ssize_t n = write(1, buf + off, want);
		if (n < 0) {
			if (errno != EAGAIN) {
				perror("write");
				return 1;
			}
			again++;
			struct pollfd p = { 1, POLLOUT, 0 };
			poll(&p, 1, 1000);
			continue;
		}
		if ((size_t)n < want)
			shorts++;
		sent += n;
	}
	fcntl(1, F_SETFL, fl);
	fprintf(stderr, "sent %ld bytes: %ld short writes, %ld EAGAIN\n", sent, shorts, again);
	return sent == TOTAL ? 0 : 1;
}

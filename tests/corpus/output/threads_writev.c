/* Four threads writev(2) lines made of three iovecs each to one stdout:
 * each writev is one atomic pipe write, the order among threads is the
 * kernel's, and the replay must gather the same bytes in the same order.
 * corpus: native=differs */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

enum { THREADS = 4, LINES = 250 };

static void *writer(void *arg)
{
	long id = (long)arg;
	char head[32], num[32];
	static const char tail[] = " end\n";
	for (int i = 0; i < LINES; i++) {
		int h = snprintf(head, sizeof head, "writev thread %ld", id);
		int n = snprintf(num, sizeof num, " line %d", i);
		struct iovec iov[3] = {
			{ head, (size_t)h }, { num, (size_t)n }, { (void *)tail, sizeof tail - 1 },
		};
		ssize_t want = h + n + (ssize_t)sizeof tail - 1;
		if (writev(1, iov, 3) != want)
			return (void *)1;
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, writer, (void *)i);
	int bad = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += r != NULL;
	}
	char msg[64];
	int n = snprintf(msg, sizeof msg, "done, %d writers failed\n", bad);
	if (write(1, msg, (size_t)n) != n)
		return 1;
	return bad != 0;
}

/* Three threads write records into a pipe the program itself reads; the
 * main thread reads the pipe in small chunks and prints what it got: the
 * order of records and the sizes of the reads are the scheduler's.
 * corpus: native=differs */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { THREADS = 3, RECORDS = 200 };
static int fds[2];
static pthread_barrier_t start;

static void *writer(void *arg)
{
	long id = (long)arg;
	char rec[32];
	pthread_barrier_wait(&start);
	for (int i = 0; i < RECORDS; i++) {
		int n = snprintf(rec, sizeof rec, "t%ld:%03d\n", id, i);
		if (write(fds[1], rec, (size_t)n) != n)
			return (void *)1;
	}
	return NULL;
}

int main(void)
{
	if (pipe(fds) < 0) {
		perror("pipe");
		return 1;
	}
	pthread_barrier_init(&start, NULL, THREADS);
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, writer, (void *)i);
	/* the writers finish, then the write end is closed: read to EOF */
	long total = 0, reads = 0, lines = 0;
	char buf[100];
	ssize_t n;
	int closed = 0;
	for (;;) {
		if (!closed && total >= (long)THREADS * RECORDS * 7) {
			/* every record is 7 bytes; all written once we have read them all */
			for (int i = 0; i < THREADS; i++)
				pthread_join(t[i], NULL);
			close(fds[1]);
			closed = 1;
		}
		n = read(fds[0], buf, sizeof buf);
		if (n <= 0)
			break;
		reads++;
		total += n;
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
		printf("read %zd: %.*s|\n", n, (int)n, buf);
	}
	printf("%ld bytes, %ld lines\n", total, lines);
	if (lines != THREADS * RECORDS) {
		fprintf(stderr, "got %ld records, expected %d\n", lines, THREADS * RECORDS);
		return 1;
	}
	return 0;
}

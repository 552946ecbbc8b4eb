/* Four threads append records to one O_APPEND file at once; the file is
 * then read back and its lines sorted: the content is deterministic even
 * though the order of the appends is not, so native runs must agree.
 * corpus: native=same */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { THREADS = 4, RECORDS = 300, RECLEN = 24 };
static int fd;
static pthread_barrier_t start;

static void *appender(void *arg)
{
	long id = (long)arg;
	char rec[RECLEN + 1];
	pthread_barrier_wait(&start);
	for (int i = 0; i < RECORDS; i++) {
		snprintf(rec, sizeof rec, "thread %ld record %04d...", id, i);
		rec[RECLEN - 1] = '\n';
		if (write(fd, rec, RECLEN) != RECLEN)
			return (void *)1;
	}
	return NULL;
}

static int cmp(const void *a, const void *b)
{
	return memcmp(a, b, RECLEN);
}

int main(void)
{
	char dir[] = "/tmp/corpus-append-XXXXXX", path[64];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/log", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	pthread_barrier_init(&start, NULL, THREADS);
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, appender, (void *)i);
	int bad = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += r != NULL;
	}
	close(fd);

	static char data[THREADS * RECORDS * RECLEN + 1];
	int in = open(path, O_RDONLY);
	ssize_t n = in < 0 ? -1 : read(in, data, sizeof data);
	if (in >= 0)
		close(in);
	unlink(path);
	rmdir(dir);
	if (n != THREADS * RECORDS * RECLEN || bad) {
		fprintf(stderr, "read %zd bytes, expected %d; %d appenders failed\n",
			n, THREADS * RECORDS * RECLEN, bad);
		return 1;
	}
	qsort(data, THREADS * RECORDS, RECLEN, cmp);
	fwrite(data, 1, (size_t)n, stdout);
	printf("%zd bytes, %d records\n", n, THREADS * RECORDS);
	return 0;
}

/* Four threads append records to one O_APPEND file at once; the file is
 * printed as it is, in the order the appends landed (the scheduler's),
 * after a check that no record was lost or torn.
 * corpus: native=differs */
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
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(data, 1, sizeof data, f) : 0;
	if (f)
		fclose(f);
	unlink(path);
	rmdir(dir);
	int next[THREADS] = { 0 };
	for (size_t off = 0; off + RECLEN <= n; off += RECLEN) {
		long id;
		int i;
		if (sscanf(data + off, "thread %ld record %d", &id, &i) != 2 || id < 0 ||
		    id >= THREADS || i != next[id]) {
			fprintf(stderr, "bad record at offset %zu\n", off);
			return 1;
		}
		next[id]++;
	}
	if (n != THREADS * RECORDS * RECLEN || bad) {
		fprintf(stderr, "read %zu bytes, expected %d; %d appenders failed\n",
			n, THREADS * RECORDS * RECLEN, bad);
		return 1;
	}
	fwrite(data, 1, n, stdout);
	printf("%zu bytes, %d records, each thread's in order\n", n, THREADS * RECORDS);
	return 0;
}

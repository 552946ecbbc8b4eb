/* Four threads pwrite records over the same offsets of one file, two
 * sweeping forwards and two backwards, each record marked with its thread:
 * which record survives at each offset is the scheduler's; file, then tally.
 * corpus: native=differs */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { THREADS = 4, RECORDS = 400, ROUNDS = 2, RECLEN = 16 };
static int fd;
static pthread_barrier_t start;

static void *writer(void *arg)
{
	long id = (long)arg;
	char rec[RECLEN + 1];
	pthread_barrier_wait(&start);
	for (int r = 0; r < ROUNDS; r++)
		for (int k = 0; k < RECORDS; k++) {
			int i = id & 1 ? RECORDS - 1 - k : k;
			snprintf(rec, sizeof rec, "rec %03d t%ld r%d.", i, id, r);
			rec[RECLEN - 1] = '\n';
			if (pwrite(fd, rec, RECLEN, (off_t)i * RECLEN) != RECLEN)
				return (void *)1;
		}
	return NULL;
}

int main(void)
{
	char dir[] = "/tmp/corpus-pwrite-XXXXXX", path[64];
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/data", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	pthread_barrier_init(&start, NULL, THREADS);
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, writer, (void *)i);
	int bad = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += r != NULL;
	}
	static char data[RECORDS * RECLEN + 1];
	ssize_t n = pread(fd, data, RECORDS * RECLEN, 0);
	close(fd);
	unlink(path);
	rmdir(dir);
	if (n != RECORDS * RECLEN || bad) {
		fprintf(stderr, "pread %zd; %d writers failed\n", n, bad);
		return 1;
	}
	int won[THREADS] = { 0 };
	for (int i = 0; i < RECORDS; i++) {
		int rec, id, round;
		if (sscanf(data + i * RECLEN, "rec %d t%d r%d", &rec, &id, &round) != 3 ||
		    rec != i || id < 0 || id >= THREADS) {
			fprintf(stderr, "torn record %d\n", i);
			return 1;
		}
		won[id]++;
	}
	fwrite(data, 1, (size_t)n, stdout);
	for (int i = 0; i < THREADS; i++)
		printf("thread %d holds %d records\n", i, won[i]);
	return 0;
}

/* Four threads pwrite fixed-size records at their own offsets of one
 * file, in an interleaved order, without sharing a file offset; the file
 * is then printed: its content is deterministic.
 * corpus: native=same */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { THREADS = 4, RECORDS = 200, RECLEN = 32 };
static int fd;
static pthread_barrier_t start;

static void *writer(void *arg)
{
	long id = (long)arg;
	char rec[RECLEN + 1];
	pthread_barrier_wait(&start);
	/* thread id writes records id, id+THREADS, ... from the end backwards */
	for (int i = RECORDS - 1; i >= 0; i--) {
		if (i % THREADS != id)
			continue;
		snprintf(rec, sizeof rec, "record %04d by thread %ld.......", i, id);
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
	static char data[RECORDS * RECLEN];
	ssize_t n = pread(fd, data, sizeof data, 0);
	off_t pos = lseek(fd, 0, SEEK_CUR);
	close(fd);
	unlink(path);
	rmdir(dir);
	if (n != (ssize_t)sizeof data || bad) {
		fprintf(stderr, "pread %zd, expected %zu; %d writers failed\n", n, sizeof data, bad);
		return 1;
	}
	fwrite(data, 1, sizeof data, stdout);
	printf("file offset still %ld\n", (long)pos);
	return 0;
}

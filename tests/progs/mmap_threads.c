/* Maps the file named on the command line (MAP_PRIVATE, PROT_READ) and has
 * several threads read it: each computes a checksum of its share of the
 * bytes and of the whole file.  The main thread prints the file size, the
 * first bytes and the checksums.  The output depends only on the file's
 * contents; a replay must print the recorded output even after the file has
 * changed on disk. */
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define THREADS 4

struct share {
	const unsigned char *base;
	size_t off, len, total;
	uint32_t part_sum;  /* Fletcher-like sum of [off, off+len) */
	uint64_t whole_fnv; /* FNV-1a of the whole file */
};

static uint32_t fletcher(const unsigned char *p, size_t n)
{
	uint32_t a = 1, b = 0;

	for (size_t i = 0; i < n; i++) {
		a = (a + p[i]) % 65521;
		b = (b + a) % 65521;
	}
	return (b << 16) | a;
}

static void *reader(void *arg)
{
	struct share *s = arg;
	uint64_t h = 0xcbf29ce484222325ULL;

	s->part_sum = fletcher(s->base + s->off, s->len);
	for (size_t i = 0; i < s->total; i++) {
		h ^= s->base[i];
		h *= 0x100000001b3ULL;
	}
	s->whole_fnv = h;
	return NULL;
}

int main(int argc, char **argv)
{
	struct stat st;
	struct share sh[THREADS];
	pthread_t t[THREADS];

	if (argc != 2) {
		fprintf(stderr, "usage: %s FILE\n", argv[0]);
		return 2;
	}
	int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0) {
		perror(argv[1]);
		return 1;
	}
	size_t size = (size_t)st.st_size;
	if (size == 0) {
		fprintf(stderr, "%s: empty file\n", argv[1]);
		return 1;
	}
	const unsigned char *p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	close(fd);

	for (int i = 0; i < THREADS; i++) {
		size_t chunk = size / THREADS;
		sh[i].base = p;
		sh[i].off = chunk * (size_t)i;
		sh[i].len = i == THREADS - 1 ? size - sh[i].off : chunk;
		sh[i].total = size;
		if (pthread_create(&t[i], NULL, reader, &sh[i]) != 0) {
			fprintf(stderr, "pthread_create failed\n");
			return 1;
		}
	}
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);

	printf("size %zu\n", size);
	printf("head: ");
	for (size_t i = 0; i < size && i < 48; i++)
		putchar(p[i] >= 32 && p[i] < 127 ? p[i] : '.');
	printf("\n");
	for (int i = 0; i < THREADS; i++)
		printf("thread %d: bytes [%zu, %zu) sum %08x, whole fnv %016llx\n",
		       i, sh[i].off, sh[i].off + sh[i].len, sh[i].part_sum,
		       (unsigned long long)sh[i].whole_fnv);
	/* Read the last byte again now, long after the threads ran. */
	printf("last byte %02x\n", p[size - 1]);
	munmap((void *)p, size);
	return 0;
}

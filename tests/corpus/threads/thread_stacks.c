/* Threads on stacks of chosen sizes: a 64 KiB and a 4 MiB
 * pthread_attr_setstacksize stack, and a stack we mmap ourselves
 * (pthread_attr_setstack) with a guard page below it; each recurses to
 * a depth that fits and checks its locals lie inside its stack.
 * corpus: native=same */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

static long depth_sum(int n, volatile char *trail)
{
	volatile char pad[256];
	pad[0] = (char)n;
	pad[255] = trail ? trail[0] : 0;
	if (n == 0)
		return pad[0];
	return n + depth_sum(n - 1, pad);
}

struct job {
	int depth;
	uintptr_t lo, hi;
	long result;
	int inside;
};

static void *worker(void *arg)
{
	struct job *j = arg;
	pthread_attr_t a;
	void *base;
	size_t size;
	pthread_getattr_np(pthread_self(), &a);
	pthread_attr_getstack(&a, &base, &size);
	pthread_attr_destroy(&a);
	j->lo = (uintptr_t)base;
	j->hi = (uintptr_t)base + size;
	int local;
	j->inside = (uintptr_t)&local > j->lo && (uintptr_t)&local < j->hi;
	j->result = depth_sum(j->depth, NULL);
	return NULL;
}

static int run(const char *what, pthread_attr_t *a, int depth, size_t want)
{
	struct job j = { .depth = depth };
	pthread_t t;
	if (pthread_create(&t, a, worker, &j) != 0) {
		printf("%s: pthread_create failed\n", what);
		return 1;
	}
	pthread_join(t, NULL);
	size_t size = j.hi - j.lo;
	printf("%s: stack at least the size asked: %s, local inside: %s, recursion %d -> %ld\n",
	       what, size >= want ? "yes" : "no", j.inside ? "yes" : "no", depth, j.result);
	return !(size >= want && j.inside && j.result == (long)depth * (depth + 1) / 2);
}

int main(void)
{
	pthread_attr_t a;
	int bad = 0;
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 64 * 1024);
	bad += run("64 KiB", &a, 100, 64 * 1024);
	pthread_attr_setstacksize(&a, 4 * 1024 * 1024);
	bad += run("4 MiB", &a, 10000, 4 * 1024 * 1024);
	pthread_attr_destroy(&a);

	size_t size = 256 * 1024;
	char *mem = mmap(NULL, size + 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return 1;
	mprotect(mem, 4096, PROT_NONE);
	pthread_attr_init(&a);
	pthread_attr_setstack(&a, mem + 4096, size);
	bad += run("own 256 KiB mmap", &a, 500, size);
	pthread_attr_destroy(&a);
	munmap(mem, size + 4096);
	return bad;
}

/* Four forked children share one MAP_SHARED anonymous region with the
 * parent: each child owns a slot it fills with plain stores, all of them
 * add to one total with atomics, and a shared start flag releases them at
 * once. The parent reaps them all and prints every slot and the total.
 * corpus: native=same */
#include <sched.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { CHILDREN = 4, ADDS = 20000, SLOT = 32 };
#define SPIN_LIMIT 5000000L

struct shared {
	int go;
	int ready;
	long total;
	long slot[CHILDREN][SLOT];
};

int main(void)
{
	struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	pid_t pids[CHILDREN];
	fflush(stdout);
	for (int k = 0; k < CHILDREN; k++) {
		pids[k] = fork();
		if (pids[k] < 0) {
			perror("fork");
			return 1;
		}
		if (pids[k] == 0) {
			__atomic_fetch_add(&s->ready, 1, __ATOMIC_SEQ_CST);
			long n = 0;
			while (!__atomic_load_n(&s->go, __ATOMIC_ACQUIRE) && n++ < SPIN_LIMIT)
				sched_yield();
			for (int i = 0; i < ADDS; i++)
				__atomic_fetch_add(&s->total, k + 1, __ATOMIC_RELAXED);
			for (int i = 0; i < SLOT; i++)
				s->slot[k][i] = (k + 1) * 100 + i;
			_exit(0);
		}
	}
	long n = 0;
	while (__atomic_load_n(&s->ready, __ATOMIC_SEQ_CST) < CHILDREN && n++ < SPIN_LIMIT)
		sched_yield();
	__atomic_store_n(&s->go, 1, __ATOMIC_RELEASE);
	int bad = 0;
	for (int k = 0; k < CHILDREN; k++) {
		int st;
		if (waitpid(pids[k], &st, 0) != pids[k] || !WIFEXITED(st) || WEXITSTATUS(st)) {
			fprintf(stderr, "child %d failed\n", k);
			bad = 1;
		}
	}
	for (int k = 0; k < CHILDREN; k++) {
		long sum = 0;
		for (int i = 0; i < SLOT; i++)
			sum += s->slot[k][i];
		printf("child %d: slot[0]=%ld slot[31]=%ld sum=%ld\n", k, s->slot[k][0],
		       s->slot[k][SLOT - 1], sum);
		if (sum != (long)SLOT * (k + 1) * 100 + SLOT * (SLOT - 1) / 2)
			bad = 1;
	}
	printf("ready %d, total %ld (expected %d)\n", s->ready, s->total, 10 * ADDS);
	if (s->total != 10 * ADDS || s->ready != CHILDREN)
		bad = 1;
	printf("%s\n", bad ? "FAIL" : "ok");
	return bad;
}

/* A data race between two processes on a counter in a MAP_SHARED
 * anonymous page: parent and child each add 1 to it 5000 times with a
 * plain load, add and store (volatile, no atomics, no lock), with a short
 * busy loop between the load and the store to widen the window, and a
 * sched_yield every 100 increments. Each pins itself to one of the first
 * two CPUs it may use (a fresh child stays on its parent's CPU for a
 * while, where the two would take turns at the yields and mostly lose
 * nothing). Run in parallel, they lose a different number of increments
 * each native run: the final count varies.
 * corpus: native=differs */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ADDS = 5000, YIELD_EVERY = 100, WINDOW = 200 };
#define SPIN_LIMIT 5000000L

struct shared {
	volatile int counter;
	int arrived;
};

/* the nth CPU this process may run on, or -1 */
static int allowed_cpu(int nth)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) < 0)
		return -1;
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set) && nth-- == 0)
			return cpu;
	return -1;
}

static void race(struct shared *s, int cpu)
{
	if (cpu >= 0) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		sched_setaffinity(0, sizeof set, &set);	/* best effort */
	}
	__atomic_fetch_add(&s->arrived, 1, __ATOMIC_SEQ_CST);
	for (long n = 0; __atomic_load_n(&s->arrived, __ATOMIC_SEQ_CST) < 2 && n < SPIN_LIMIT; n++)
		sched_yield();
	for (int i = 0; i < ADDS; i++) {
		if (i % YIELD_EVERY == 0)
			sched_yield();
		int v = s->counter;
		for (volatile int d = 0; d < WINDOW; d++)
			;
		s->counter = v + 1;
	}
}

int main(void)
{
	struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	int cpu0 = allowed_cpu(0), cpu1 = allowed_cpu(1);
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		race(s, cpu0);
		_exit(0);
	}
	race(s, cpu1);
	int st;
	waitpid(c, &st, 0);
	int n = s->counter;
	printf("final count %d of %d\n", n, 2 * ADDS);
	int ok = WIFEXITED(st) && WEXITSTATUS(st) == 0 && n >= 1 && n <= 2 * ADDS;
	return !ok;
}

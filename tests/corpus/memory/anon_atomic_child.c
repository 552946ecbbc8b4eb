/* A MAP_SHARED|MAP_ANONYMOUS region survives fork as the same pages: the
 * child adds to a counter there with atomics (and the parent too, at the
 * same time) and fills a table; after waitpid the parent reads both.
 * A recorder must not give the child a private copy of shared pages.
 * corpus: native=same */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ADDS = 50000, TABLE = 64 };

struct shared {
	long counter;
	long before_fork;
	long table[TABLE];
};

int main(void)
{
	struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	s->before_fork = 7;
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		if (s->before_fork != 7)
			_exit(2);
		for (int i = 0; i < ADDS; i++)
			__atomic_fetch_add(&s->counter, 3, __ATOMIC_SEQ_CST);
		for (int i = 0; i < TABLE; i++)
			s->table[i] = (long)i * i;
		_exit(0);
	}
	for (int i = 0; i < ADDS; i++)
		__atomic_fetch_add(&s->counter, 1, __ATOMIC_SEQ_CST);
	int st;
	if (waitpid(c, &st, 0) != c || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "child failed: status %#x\n", st);
		return 1;
	}
	long sum = 0;
	for (int i = 0; i < TABLE; i++)
		sum += s->table[i];
	printf("counter %ld (expected %d)\n", s->counter, 4 * ADDS);
	printf("table from child: [1]=%ld [10]=%ld [63]=%ld sum=%ld\n",
	       s->table[1], s->table[10], s->table[63], sum);
	int ok = s->counter == 4 * ADDS && sum == 85344;
	munmap(s, sizeof *s);
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}

/* Parent and child take turns through a flag in a MAP_SHARED anonymous
 * page: each spins (bounded, with sched_yield) until the flag is its turn,
 * appends to a shared log and passes the turn. Neither makes a syscall to
 * hand over, so only the shared page carries the other's progress.
 * corpus: native=same */
#include <sched.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ROUNDS = 300 };
#define SPIN_LIMIT 5000000L

struct shared {
	int turn;		/* 0: parent, 1: child, 2: done */
	int len;
	int log[2 * ROUNDS];
};

static int wait_turn(struct shared *s, int want)
{
	for (long n = 0; n < SPIN_LIMIT; n++) {
		if (__atomic_load_n(&s->turn, __ATOMIC_ACQUIRE) == want)
			return 0;
		sched_yield();
	}
	return -1;
}

static void play(struct shared *s, int me, int value)
{
	s->log[s->len] = me * 1000 + value;
	s->len++;
	__atomic_store_n(&s->turn, 1 - me, __ATOMIC_RELEASE);
}

int main(void)
{
	struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	fflush(stdout);
	pid_t c = fork();
	if (c < 0) {
		perror("fork");
		return 1;
	}
	if (c == 0) {
		for (int i = 0; i < ROUNDS; i++) {
			if (wait_turn(s, 1) < 0)
				_exit(2);
			/* the child doubles what the parent last wrote */
			play(s, 1, 2 * (s->log[s->len - 1] % 1000));
		}
		_exit(0);
	}
	int bad = 0;
	for (int i = 0; i < ROUNDS; i++) {
		if (wait_turn(s, 0) < 0) {
			fprintf(stderr, "parent: no turn in round %d\n", i);
			bad = 1;
			break;
		}
		play(s, 0, i % 400);
	}
	if (!bad && wait_turn(s, 0) < 0)
		bad = 1;
	int st;
	waitpid(c, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "child failed: status %#x\n", st);
		bad = 1;
	}
	long sum = 0;
	int order_ok = 1;
	for (int i = 0; i < s->len; i++) {
		sum += s->log[i];
		if (s->log[i] / 1000 != i % 2)
			order_ok = 0;
		if (i % 2 == 1 && s->log[i] % 1000 != 2 * (s->log[i - 1] % 1000))
			order_ok = 0;
	}
	printf("%d moves, alternating: %s\n", s->len, order_ok ? "yes" : "no");
	printf("first moves: %d %d %d %d, last: %d %d, sum %ld\n", s->log[0], s->log[1],
	       s->log[2], s->log[3], s->log[s->len - 2], s->log[s->len - 1], sum);
	int ok = !bad && order_ok && s->len == 2 * ROUNDS;
	printf("%s\n", ok ? "ok" : "FAIL");
	return !ok;
}

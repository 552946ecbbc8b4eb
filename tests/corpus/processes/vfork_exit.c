/* vfork + _exit without exec: the child runs on the parent's memory and
 * stack until it _exits; the parent resumes only then and sees what the
 * child stored (Linux shares the memory), and the exit status.
 * corpus: native=same */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int stored;

/* one vfork per call, so no local of the caller lives across it */
static __attribute__((noinline)) int one(int i)
{
	pid_t p = vfork();
	if (p == 0) {
		stored = i * 10;
		_exit(i);
	}
	/* the child has exited by now: its store is visible */
	int seen = stored;
	int st;
	if (p < 0 || waitpid(p, &st, 0) != p)
		return -1;
	if (seen != i * 10 || WEXITSTATUS(st) != i) {
		printf("round %d: saw %d, exit %d\n", i, seen, WEXITSTATUS(st));
		return -1;
	}
	return WEXITSTATUS(st);
}

int main(void)
{
	int total = 0;
	for (int i = 1; i <= 20; i++) {
		int r = one(i);
		if (r < 0)
			return 1;
		total += r;
	}
	printf("20 vforks: the parent resumed after each _exit, exit codes sum %d\n", total);
	return total != 210;
}

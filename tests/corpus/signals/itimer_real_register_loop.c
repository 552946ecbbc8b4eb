/* setitimer(ITIMER_REAL) ticks every 1 ms into a syscall-free loop whose
 * counter and state live in registers; the loop notes the iteration at
 * which each of 30 ticks was seen. A replay must deliver every tick at the
 * same iteration (the same instruction) as the recording.
 * corpus: native=differs */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

enum { TICKS = 30 };
static volatile sig_atomic_t ticks;

static void handler(int sig)
{
	(void)sig;
	ticks++;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGALRM, &sa, NULL);
	long at[TICKS];
	int n = 0, seen = 0;
	unsigned long x = 88172645463325252UL;
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	for (long i = 0; i < 400000000L && n < TICKS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		int t = ticks;
		if (t != seen) {
			at[n++] = i;
			seen = t;
		}
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	printf("%d ticks landed at iterations:", n);
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\nstate %lx\n", x);
	if (n < TICKS) {
		fprintf(stderr, "only %d ticks arrived\n", n);
		return 1;
	}
	return 0;
}

/* setitimer(ITIMER_VIRTUAL): SIGVTALRM after every 1 ms of user CPU time,
 * 25 times, into a syscall-free arithmetic loop; the loop notes at which
 * iteration each tick was seen. The tick comes from CPU accounting, not a
 * clock, and lands anywhere in the loop.
 * corpus: native=differs */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

enum { TICKS = 25 };
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
	sigaction(SIGVTALRM, &sa, NULL);
	long at[TICKS];
	int n = 0, seen = 0;
	unsigned long h = 1469598103934665603UL;
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_VIRTUAL, &it, NULL);
	for (long i = 0; i < 600000000L && n < TICKS; i++) {
		h = (h ^ (unsigned long)i) * 1099511628211UL;
		int t = ticks;
		if (t != seen) {
			at[n++] = i;
			seen = t;
		}
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_VIRTUAL, &off, NULL);
	printf("%d SIGVTALRM ticks at iterations:", n);
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\nhash %lx\n", h);
	if (n < TICKS) {
		fprintf(stderr, "only %d ticks arrived\n", n);
		return 1;
	}
	return 0;
}

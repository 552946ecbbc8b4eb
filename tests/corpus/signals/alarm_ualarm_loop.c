/* alarm() and ualarm(): alarm(5) armed then cancelled returns the seconds
 * left (5); then a periodic ualarm (1 ms) sends SIGALRM 25 times into a
 * loop with a register counter, whose iteration at each tick is printed.
 * corpus: native=differs */
#define _DEFAULT_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
	sigaction(SIGALRM, &sa, NULL);
	unsigned prev = alarm(5);
	unsigned left = alarm(0);
	printf("alarm(5): previous %u; alarm(0) returned %u\n", prev, left);
	long at[TICKS];
	int n = 0, seen = 0;
	unsigned long x = 1;
	ualarm(1000, 1000);
	for (long i = 0; i < 400000000L && n < TICKS; i++) {
		x = x * 2862933555777941757UL + 3037000493UL;
		int t = ticks;
		if (t != seen) {
			at[n++] = i;
			seen = t;
		}
	}
	ualarm(0, 0);
	printf("%d SIGALRM at iterations:", n);
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\n(x=%lx)\n", x);
	return !(left == 5 && n == TICKS);
}

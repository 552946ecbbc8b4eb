/* A 1 ms ITIMER_REAL with an SA_NODEFER handler that spins for ~2.5 ms
 * while shallow: new ticks interrupt the handler itself, nesting frames
 * (bounded to depth 3, 15 ticks in all). The nesting depth at each tick
 * and the main loop counter are printed.
 * corpus: native=differs */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

enum { TICKS = 15 };
static volatile long counter;
static volatile int depth, n;
static int depth_at[TICKS];
static long counter_at[TICKS];

static long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static void handler(int sig)
{
	(void)sig;
	if (n >= TICKS)
		return;
	depth++;
	int me = n++;
	depth_at[me] = depth;
	counter_at[me] = counter;
	if (depth < 3) {
		long until = now_us() + 2500;
		for (int i = 0; i < 10000000 && now_us() < until && n < TICKS; i++)
			;
	}
	depth--;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	while (n < TICKS && counter < 400000000L)
		counter++;
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	int maxd = 0;
	printf("ticks (depth@counter):");
	for (int i = 0; i < n; i++) {
		printf(" %d@%ld", depth_at[i], counter_at[i]);
		if (depth_at[i] > maxd)
			maxd = depth_at[i];
	}
	printf("\nmax depth %d\n", maxd);
	return n != TICKS;
}

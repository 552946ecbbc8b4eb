/* A 1 ms ITIMER_REAL whose handler runs for about 2.5 ms: the next tick is
 * due while the handler still runs (SIGALRM blocked), stays pending and is
 * delivered right after sigreturn, before the loop makes progress. 12
 * ticks; the loop counter seen at each handler entry is printed.
 * corpus: native=differs */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

enum { TICKS = 12 };
static volatile long counter;
static long at[TICKS];
static int pending_at_end[TICKS];
static volatile int n;

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
	int me = n++;
	at[me] = counter;
	long until = now_us() + 2500;
	for (int i = 0; i < 10000000 && now_us() < until; i++)
		;
	sigset_t p;
	sigpending(&p);
	pending_at_end[me] = sigismember(&p, SIGALRM);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	while (n < TICKS && counter < 400000000L)
		counter++;
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	int back_to_back = 0, pend = 0;
	printf("counter at handler entries:");
	for (int i = 0; i < n; i++) {
		printf(" %ld", at[i]);
		if (i && at[i] == at[i - 1])
			back_to_back++;
		pend += pending_at_end[i];
	}
	printf("\n");
	printf("ticks delivered right after sigreturn: %s; pending at handler end: %s\n",
	       back_to_back ? "some" : "none", pend ? "some" : "none");
	return n != TICKS;
}

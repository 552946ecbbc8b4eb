/* setitimer(ITIMER_REAL) every 1 ms into a loop whose counter is a
 * volatile global (in memory); the handler itself reads the counter to note
 * where each of 30 ticks landed. The replayed handler must read the same
 * counter values as the recorded one.
 * corpus: native=differs */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

enum { TICKS = 30 };
static volatile long counter;
static long at[TICKS];
static volatile int n;

static void handler(int sig)
{
	(void)sig;
	if (n < TICKS)
		at[n++] = counter;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	while (n < TICKS && counter < 300000000L)
		counter++;
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	printf("%d ticks landed at counter values:", n);
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\n");
	if (n < TICKS) {
		fprintf(stderr, "only %d ticks arrived\n", n);
		return 1;
	}
	return 0;
}

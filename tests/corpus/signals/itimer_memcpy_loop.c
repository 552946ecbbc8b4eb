/* ITIMER_REAL ticks land inside glibc's memcpy/memset (vector loops or
 * rep movs, whichever the CPU gets) copying 256 KiB buffers; a volatile
 * counter of finished copies is read by the handler at each of 30 ticks,
 * and every copy is verified.
 * corpus: native=differs */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

enum { TICKS = 30, SIZE = 256 << 10 };
static volatile long copies;
static long at[TICKS];
static volatile int n;

static void handler(int sig)
{
	(void)sig;
	if (n < TICKS)
		at[n++] = copies;
}

int main(void)
{
	unsigned char *a = malloc(SIZE), *b = malloc(SIZE);
	if (!a || !b)
		return 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	long bad = 0;
	while (n < TICKS && copies < 100000) {
		unsigned char v = (unsigned char)copies;
		memset(a, v, SIZE);
		memcpy(b, a, SIZE);
		if (b[0] != v || b[SIZE / 2] != v || b[SIZE - 1] != v)
			bad++;
		copies++;
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	printf("ticks after N copies:");
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\n%ld bad copies\n", bad);
	free(a);
	free(b);
	return bad != 0 || n != TICKS;
}

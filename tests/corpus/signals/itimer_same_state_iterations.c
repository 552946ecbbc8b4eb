/* ITIMER_REAL ticks land in a loop whose iterations are identical in
 * every register and in the memory each instruction reads (the same hash
 * of the same buffer); only a volatile counter, touched once per pass and
 * read by the handler, tells them apart. A replay that finds the landing
 * point by machine state alone cannot tell which pass it was.
 * corpus: native=differs */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

enum { TICKS = 30, SIZE = 4096 };
static volatile long passes;
static long at[TICKS];
static volatile int n;
static unsigned char buf[SIZE];

static void handler(int sig)
{
	(void)sig;
	if (n < TICKS)
		at[n++] = passes;
}

__attribute__((noinline)) static unsigned hash(const unsigned char *p, size_t len)
{
	unsigned h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

int main(void)
{
	for (int i = 0; i < SIZE; i++)
		buf[i] = (unsigned char)(i * 31 + 7);
	unsigned expect = hash(buf, SIZE);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	int bad = 0;
	while (n < TICKS && passes < 2000000) {
		if (hash(buf, SIZE) != expect)
			bad = 1;
		passes++;
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	printf("ticks after N passes:");
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\nwrong hashes: %d\n", bad);
	return bad || n != TICKS;
}

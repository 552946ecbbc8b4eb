/* ITIMER_REAL ticks land in a floating-point loop (SSE, sqrt, division);
 * the handler does its own floating-point work that clobbers the xmm
 * registers, which the kernel must save and restore at each delivery. The
 * loop checks its results against a precomputed table and notes the
 * iteration of each of 30 ticks.
 * corpus: native=differs */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

enum { TICKS = 30, TABLE = 1024 };
static volatile sig_atomic_t ticks;
static volatile double handler_acc;
static double table[TABLE];

static void handler(int sig)
{
	double a = sig * 0.5;
	for (int i = 1; i < 50; i++)
		a = a * 1.000001 + 1.0 / i;
	handler_acc += a;
	ticks++;
}

static double step(int k)
{
	double v = k + 0.25;
	return sqrt(v) / (v + 1.0) + v * 1e-3;
}

int main(void)
{
	for (int k = 0; k < TABLE; k++)
		table[k] = step(k);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGALRM, &sa, NULL);
	long at[TICKS];
	int n = 0, seen = 0;
	long wrong = 0;
	double sum = 0;
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	for (long i = 0; i < 200000000L && n < TICKS; i++) {
		int k = (int)(i & (TABLE - 1));
		double r = step(k);
		if (r != table[k])
			wrong++;
		sum += r;
		int t = ticks;
		if (t != seen) {
			at[n++] = i;
			seen = t;
		}
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	printf("%d ticks at iterations:", n);
	for (int i = 0; i < n; i++)
		printf(" %ld", at[i]);
	printf("\nsum %.6f, wrong results %ld\n", sum, wrong);
	return wrong != 0 || n != TICKS;
}

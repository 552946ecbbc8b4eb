/* A 1 ms ITIMER_REAL while the loop makes cheap syscalls (getppid, and a
 * write to /dev/null): ticks land in user code, at syscall entry or exit, or
 * interrupt nothing restartable. The iteration and phase of each of 30
 * ticks are printed.
 * corpus: native=differs */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

enum { TICKS = 30 };
static volatile long iter;
static volatile int phase;
static long at[TICKS];
static int ph[TICKS];
static volatile int n;

static void handler(int sig)
{
	(void)sig;
	if (n < TICKS) {
		at[n] = iter;
		ph[n] = phase;
		n++;
	}
}

int main(void)
{
	int fd = open("/dev/null", O_WRONLY);
	if (fd < 0)
		return 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 1000 }, { 0, 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	long fails = 0;
	while (n < TICKS && iter < 20000000L) {
		phase = 1;
		getppid();
		phase = 2;
		if (write(fd, "x", 1) != 1)
			fails++;
		phase = 3;
		iter++;
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	printf("ticks (iteration.phase):");
	for (int i = 0; i < n; i++)
		printf(" %ld.%d", at[i], ph[i]);
	printf("\nfailed writes: %ld\n", fails);
	close(fd);
	return fails != 0 || n != TICKS;
}

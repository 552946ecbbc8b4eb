/* A repeating timer's SIGALRM handler writes a line to stdout with
 * write(2) (async-signal-safe) while the main loop writes its own lines:
 * where the handler's lines land among the main lines is the timer's.
 * corpus: native=differs */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t ticks;
static volatile long iteration;

static void on_alarm(int sig)
{
	(void)sig;
	char line[64];
	int n = snprintf(line, sizeof line, "  tick %d during iteration %ld\n", (int)ticks, iteration);
	ticks++;
	if (write(1, line, (size_t)n) < 0)
		_exit(2);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	char line[64];
	for (iteration = 0; ticks < 10 && iteration < 50000000; iteration++) {
		if (iteration % 20000 == 0) {
			int n = snprintf(line, sizeof line, "main iteration %ld\n", iteration);
			if (write(1, line, (size_t)n) != n)
				return 1;
		}
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	printf("stopped after %d ticks\n", (int)ticks);
	return ticks >= 10 ? 0 : 1;
}

/* An interval timer (ITIMER_REAL, 200 us, one shot) fires while the main
 * thread spins in a loop that makes no system calls.  The SIGALRM handler
 * notes how far the loop had got and tells it to stop.  Where the signal
 * lands depends on timing, so the printed iteration differs between native
 * runs; a replay must deliver the signal at exactly the same instruction. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#define GIVE_UP (1UL << 31)

static volatile unsigned long iter;
static volatile unsigned long landed;
static volatile sig_atomic_t stop;
static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	landed = iter;
	alarms++;
	stop = 1;
}

int main(void)
{
	struct sigaction sa;
	struct itimerval it;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) != 0) {
		perror("sigaction");
		return 1;
	}
	memset(&it, 0, sizeof it);
	it.it_value.tv_usec = 200;
	if (setitimer(ITIMER_REAL, &it, NULL) != 0) {
		perror("setitimer");
		return 1;
	}

	while (!stop && iter < GIVE_UP)
		iter = iter + 1;

	if (!stop) {
		printf("gave up after %lu iterations: no SIGALRM\n", iter);
		return 2;
	}
	printf("SIGALRM landed at iteration %lu\n", landed);
	printf("loop stopped at iteration %lu, %d alarm(s)\n", iter,
	       (int)alarms);
	return 0;
}

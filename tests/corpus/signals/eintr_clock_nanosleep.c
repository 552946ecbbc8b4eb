/* clock_nanosleep interrupted by SIGALRM after 30 ms: relative on
 * CLOCK_MONOTONIC (returns EINTR as its value and fills the remainder) and
 * absolute (TIMER_ABSTIME, no remainder) on CLOCK_REALTIME, each with and
 * without SA_RESTART; it is never restarted after a handler.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	int bad = 0;
	for (int restart = 0; restart < 2; restart++) {
		const char *mode = restart ? "SA_RESTART" : "no SA_RESTART";
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		sa.sa_flags = restart ? SA_RESTART : 0;
		sigaction(SIGALRM, &sa, NULL);

		struct itimerval it = { { 0, 0 }, { 0, 30000 } };
		hits = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		struct timespec req = { 2, 0 }, rem = { 0, 0 };
		int r = clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem);
		int plausible = rem.tv_sec == 1 && rem.tv_nsec > 0;
		printf("%s: relative: returned %s, remainder about 1.97 s: %s, handler ran %d\n",
		       mode, r == EINTR ? "EINTR" : r == 0 ? "0" : "other", plausible ? "yes" : "no", (int)hits);
		bad |= r != EINTR || !plausible;

		hits = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 2;
		r = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &until, NULL);
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		double left = (until.tv_sec - now.tv_sec) + (until.tv_nsec - now.tv_nsec) / 1e9;
		int early = left > 1.0;
		printf("%s: absolute: returned %s, woke well before the deadline: %s, handler ran %d\n",
		       mode, r == EINTR ? "EINTR" : r == 0 ? "0" : "other", early ? "yes" : "no", (int)hits);
		bad |= r != EINTR || !early;
	}
	return bad;
}

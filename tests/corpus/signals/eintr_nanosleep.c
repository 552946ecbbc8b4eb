/* nanosleep(1 s) interrupted after 30 ms by SIGALRM: it fails with EINTR
 * and reports the time left, with or without SA_RESTART (nanosleep is
 * never restarted after a handler). The remaining time is checked, not
 * printed; then sleeping the remainder of a 40 ms sleep completes.
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
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		sa.sa_flags = restart ? SA_RESTART : 0;
		sigaction(SIGALRM, &sa, NULL);
		hits = 0;
		struct itimerval it = { { 0, 0 }, { 0, 30000 } };
		setitimer(ITIMER_REAL, &it, NULL);
		struct timespec req = { 1, 0 }, rem = { -1, -1 };
		int r = nanosleep(&req, &rem);
		int e = errno;
		double left = rem.tv_sec + rem.tv_nsec / 1e9;
		int plausible = left > 0.5 && left < 1.0;
		printf("%s: nanosleep returned %d%s, remaining in (0.5, 1) s: %s, handler ran %d\n",
		       restart ? "SA_RESTART" : "no SA_RESTART", r,
		       r < 0 && e == EINTR ? " EINTR" : "", plausible ? "yes" : "no", (int)hits);
		bad |= !(r < 0 && e == EINTR && plausible);
	}
	/* a short sleep interrupted, then its remainder slept */
	struct itimerval it = { { 0, 0 }, { 0, 10000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	struct timespec req = { 0, 40000000 }, rem;
	int tries = 0;
	while (nanosleep(&req, &rem) < 0 && errno == EINTR && tries < 10) {
		req = rem;
		tries++;
	}
	printf("40 ms sleep finished after %d interruption(s)\n", tries);
	return bad || tries != 1;
}

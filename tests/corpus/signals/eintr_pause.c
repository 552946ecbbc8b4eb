/* pause() returns only when a handler ran, always with EINTR, whether or
 * not the handler has SA_RESTART; three SIGALRMs from a 20 ms interval
 * timer each end one pause.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

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
		struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
		setitimer(ITIMER_REAL, &it, NULL);
		int eintr = 0;
		for (int i = 0; i < 3; i++) {
			int r = pause();
			if (r == -1 && errno == EINTR)
				eintr++;
		}
		struct itimerval off = { { 0, 0 }, { 0, 0 } };
		setitimer(ITIMER_REAL, &off, NULL);
		printf("%s: 3 pauses, %d ended with EINTR, handler ran %d\n",
		       restart ? "SA_RESTART" : "no SA_RESTART", eintr, (int)hits);
		bad |= eintr != 3 || hits != 3;
	}
	return bad;
}

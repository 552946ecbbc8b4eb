/* sigtimedwait for SIGUSR2 (blocked) with a 2 s timeout, interrupted by a
 * SIGALRM that has a handler: EINTR with or without SA_RESTART (never
 * restarted). Then a 20 ms sigtimedwait that times out with EAGAIN, and one
 * that finds SIGUSR2 already pending.
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

static const char *res(int r, int e)
{
	if (r == SIGUSR2)
		return "SIGUSR2";
	if (r < 0 && e == EINTR)
		return "EINTR";
	if (r < 0 && e == EAGAIN)
		return "EAGAIN";
	return "other";
}

int main(void)
{
	sigset_t w;
	sigemptyset(&w);
	sigaddset(&w, SIGUSR2);
	sigprocmask(SIG_BLOCK, &w, NULL);
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
		struct timespec ts = { 2, 0 };
		int r = sigtimedwait(&w, NULL, &ts);
		int e = errno;
		printf("%s: interrupted sigtimedwait: %s, handler ran %d\n",
		       restart ? "SA_RESTART" : "no SA_RESTART", res(r, e), (int)hits);
		bad |= !(r < 0 && e == EINTR);
	}
	struct timespec shortts = { 0, 20000000 };
	int r = sigtimedwait(&w, NULL, &shortts);
	printf("20 ms sigtimedwait: %s\n", res(r, errno));
	bad |= !(r < 0 && errno == EAGAIN);
	raise(SIGUSR2);
	siginfo_t si;
	r = sigtimedwait(&w, &si, &shortts);
	int e2 = errno;
	printf("with SIGUSR2 pending: %s, si_code %s\n", res(r, e2),
	       si.si_code == SI_TKILL ? "SI_TKILL" : si.si_code == SI_USER ? "SI_USER" : "other");
	bad |= r != SIGUSR2;
	return bad;
}

/* The sigsuspend loop: SIGALRM is blocked except inside sigsuspend, which
 * waits for the next tick of a 2 ms interval timer; twelve rounds, each
 * returning -1/EINTR after one handler run, with the blocked mask restored
 * after each.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t ticks;

static void handler(int sig)
{
	(void)sig;
	ticks++;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGALRM, &sa, NULL);
	sigset_t block, during;
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &during);
	sigdelset(&during, SIGALRM);
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	int eintr = 0, restored = 0, rounds = 0;
	while (ticks < 12 && rounds < 100) {
		int r = sigsuspend(&during);
		if (r == -1 && errno == EINTR)
			eintr++;
		sigset_t now;
		sigprocmask(SIG_BLOCK, NULL, &now);
		restored += sigismember(&now, SIGALRM);
		rounds++;
	}
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	printf("%d ticks in %d sigsuspend calls, %d returned EINTR, mask restored %d times\n",
	       (int)ticks, rounds, eintr, restored);
	return !(ticks == 12 && rounds == 12 && eintr == 12 && restored == 12);
}

/* sigwait on blocked signals: several are made pending (standard and
 * real-time, one rt twice), then sigwait takes them one by one, lowest
 * number first, each rt instance separately, without running a handler.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t handler_ran;

static void handler(int sig)
{
	(void)sig;
	handler_ran++;
}

int main(void)
{
	int sigs[] = { SIGRTMIN + 2, SIGUSR2, SIGRTMIN + 2, SIGHUP, SIGRTMIN, SIGUSR1 };
	sigset_t set;
	sigemptyset(&set);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	for (int i = 0; i < 6; i++) {
		sigaddset(&set, sigs[i]);
		sigaction(sigs[i], &sa, NULL);
	}
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 0; i < 6; i++)
		kill(getpid(), sigs[i]);
	printf("sigwait order:");
	for (int i = 0; i < 6; i++) {
		int s = 0;
		if (sigwait(&set, &s))
			return 1;
		if (s >= SIGRTMIN)
			printf(" RTMIN+%d", s - SIGRTMIN);
		else
			printf(" %d", s);
	}
	sigset_t pend;
	sigpending(&pend);
	int left = 0;
	for (int s = 1; s < 65; s++)
		left += sigismember(&pend, s) == 1;
	printf("\nleft pending: %d, handler ran: %d\n", left, (int)handler_ran);
	return left != 0 || handler_ran != 0;
}

/* Real-time signals queue: SIGRTMIN+1 is sigqueued 20 times while blocked
 * (values 0..19) and every one is delivered, in the order sent, when it is
 * unblocked; a standard signal raised 20 times is delivered once.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int vals[64];
static volatile int nvals, usr1;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGUSR1)
		usr1++;
	else if (nvals < 64)
		vals[nvals++] = si->si_value.sival_int;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigfillset(&sa.sa_mask);   /* one at a time, in dequeue order */
	sigaction(SIGRTMIN + 1, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 1);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 0; i < 20; i++) {
		union sigval v = { .sival_int = i };
		if (sigqueue(getpid(), SIGRTMIN + 1, v)) {
			perror("sigqueue");
			return 1;
		}
		kill(getpid(), SIGUSR1);
	}
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("SIGUSR1 delivered %d time(s); SIGRTMIN+1 delivered %d times, values:", usr1, nvals);
	int bad = usr1 != 1 || nvals != 20;
	for (int i = 0; i < nvals; i++) {
		printf(" %d", vals[i]);
		bad |= vals[i] != i;
	}
	printf("\n");
	return bad;
}

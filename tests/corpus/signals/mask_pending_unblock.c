/* sigprocmask: SIGUSR1 is blocked, raised three times (standard signals do
 * not queue: one stays pending), seen in sigpending, and delivered exactly
 * once at the sigprocmask that unblocks it, before that call returns.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile sig_atomic_t hits;
static volatile int step;
static volatile int step_at_delivery = -1;

static void handler(int sig)
{
	(void)sig;
	hits++;
	step_at_delivery = step;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t set, pend;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	step = 1;
	for (int i = 0; i < 3; i++)
		raise(SIGUSR1);
	step = 2;
	sigpending(&pend);
	printf("blocked: hits=%d pending=%d\n", (int)hits, sigismember(&pend, SIGUSR1));
	step = 3;
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	step = 4;
	sigpending(&pend);
	printf("unblocked: hits=%d pending=%d delivered at step %d\n", (int)hits,
	       sigismember(&pend, SIGUSR1), step_at_delivery);
	return !(hits == 1 && step_at_delivery == 3);
}

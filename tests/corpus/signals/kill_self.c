/* kill(getpid(), sig) to the whole process from a single-threaded
 * program: the signal is delivered before kill returns. Also kill with
 * signal 0 (existence check, no delivery) and kill of a blocked signal that
 * is delivered at the unblock.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t hits;
static volatile int at_step[4];
static volatile int step;

static void handler(int sig)
{
	(void)sig;
	if (hits < 4)
		at_step[hits] = step;
	hits++;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	step = 1;
	kill(getpid(), SIGUSR1);
	step = 2;
	int r0 = kill(getpid(), 0);
	step = 3;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	step = 4;
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	step = 5;
	printf("kill(self, 0) returned %d; handler ran %d times, at steps %d %d\n", r0, (int)hits,
	       at_step[0], at_step[1]);
	return !(hits == 2 && at_step[0] == 1 && at_step[1] == 4 && r0 == 0);
}

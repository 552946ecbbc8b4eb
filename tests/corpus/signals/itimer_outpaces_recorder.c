/* An ITIMER_REAL every 50 us, far shorter than recording one signal
 * costs, while the program spins 30M iterations free of syscalls: each
 * signal is due again by the time its handler returns. Natively the loop
 * runs between ticks; recorded, the recorder must let it run too, not
 * deliver tick after tick with the loop never going on.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile long ticks;
static volatile long spins;

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
	struct itimerval it = { { 0, 50 }, { 0, 50 } };
	setitimer(ITIMER_REAL, &it, NULL);
	while (spins < 30000000)
		spins++;
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	setitimer(ITIMER_REAL, &off, NULL);
	printf("spun %ld times; the timer ticked meanwhile: %s\n", spins, ticks > 0 ? "yes" : "no");
	return ticks == 0;
}

/* A POSIX timer (CLOCK_MONOTONIC, SIGRTMIN with a value) every 50 us, far
 * shorter than recording one signal costs, while the program spins 30M
 * iterations free of syscalls: each signal is due again by the time its
 * handler returns. Natively the loop runs between expirations; recorded,
 * it must run too. The handler checks each signal's value.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static volatile long ticks, wrong_value;
static volatile long spins;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	ticks++;
	if (si->si_code != SI_TIMER || si->si_value.sival_int != 42)
		wrong_value++;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGRTMIN, &sa, NULL);
	struct sigevent sev;
	memset(&sev, 0, sizeof sev);
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGRTMIN;
	sev.sigev_value.sival_int = 42;
	timer_t tm;
	if (timer_create(CLOCK_MONOTONIC, &sev, &tm) < 0) {
		perror("timer_create");
		return 1;
	}
	struct itimerspec its = { { 0, 50000 }, { 0, 50000 } };
	timer_settime(tm, 0, &its, NULL);
	while (spins < 30000000)
		spins++;
	timer_delete(tm);
	printf("spun %ld times; the timer fired meanwhile: %s; signals with a wrong value: %ld\n",
	       spins, ticks > 0 ? "yes" : "no", wrong_value);
	return ticks == 0 || wrong_value != 0;
}

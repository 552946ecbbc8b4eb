/* A 2 ms POSIX timer whose signal is blocked while the program spins for
 * 40M iterations (tens of ms): expirations pile up into one pending signal,
 * delivered at the unblock; si_overrun and timer_getoverrun report the
 * missed ones (a count that varies natively and that the replay must
 * reproduce). Five rounds.
 * corpus: native=differs */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static volatile int si_overrun_seen = -1;
static volatile int hits;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (hits++ == 0)
		si_overrun_seen = si->si_overrun;
}

static volatile long spins;

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
	timer_t tid;
	if (timer_create(CLOCK_MONOTONIC, &sev, &tid))
		return 1;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	int bad = 0;
	for (int round = 0; round < 5; round++) {
		sigprocmask(SIG_BLOCK, &set, NULL);
		struct itimerspec its = { { 0, 2000000 }, { 0, 2000000 } };
		timer_settime(tid, 0, &its, NULL);
		for (spins = 0; spins < 40000000; spins++)
			;
		hits = 0;
		si_overrun_seen = -1;
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		int first_overrun = si_overrun_seen;
		struct itimerspec off;
		memset(&off, 0, sizeof off);
		timer_settime(tid, 0, &off, NULL);
		int ov = timer_getoverrun(tid);
		printf("round %d: si_overrun at the unblock %d, timer_getoverrun %d\n",
		       round, first_overrun, ov);
		if (hits < 1 || first_overrun < 5)
			bad = 1;
	}
	timer_delete(tid);
	return bad;
}

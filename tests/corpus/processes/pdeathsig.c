/* PR_SET_PDEATHSIG: a grandchild asks for SIGUSR1 when its parent dies;
 * the parent exits and the grandchild's handler reports through a pipe
 * (SIGUSR1 held until sigsuspend waits for it, so it cannot come before
 * the wait and leave the grandchild waiting for good).
 * The setting reads back with PR_GET_PDEATHSIG and is cleared in a
 * forked child. We are a subreaper so we can reap the grandchild.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static int report[2];
static volatile sig_atomic_t died;

static void on_usr1(int s)
{
	(void)s;
	died = 1;
	if (write(report[1], "D", 1) != 1)
		_exit(3);
}

int main(void)
{
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	int ready[2], parent_go[2];
	if (pipe(report) < 0 || pipe(ready) < 0 || pipe(parent_go) < 0)
		return 1;
	pid_t mid = fork();
	if (mid == 0) {
		pid_t g = fork();
		if (g == 0) {
			struct sigaction sa = { .sa_handler = on_usr1 };
			sigemptyset(&sa.sa_mask);
			sigaction(SIGUSR1, &sa, NULL);
			prctl(PR_SET_PDEATHSIG, SIGUSR1);
			int got = 0;
			prctl(PR_GET_PDEATHSIG, &got);
			pid_t gg = fork();
			if (gg == 0) {
				int inh = -1;
				prctl(PR_GET_PDEATHSIG, &inh);
				_exit(inh);
			}
			int st;
			waitpid(gg, &st, 0);
			char m[2] = { got == SIGUSR1 ? 'S' : 's', WEXITSTATUS(st) == 0 ? 'C' : 'c' };
			/* SIGUSR1 held from before the parent can die until
			 * sigsuspend waits for it: one that came before a
			 * pause() would leave it waiting for good */
			sigset_t usr1, unblocked;
			sigemptyset(&usr1);
			sigaddset(&usr1, SIGUSR1);
			sigprocmask(SIG_BLOCK, &usr1, &unblocked);
			if (write(ready[1], m, 2) != 2)
				_exit(1);
			for (int i = 0; i < 100 && !died; i++)
				sigsuspend(&unblocked);
			_exit(0);
		}
		char c;
		if (read(parent_go[0], &c, 1) != 1)
			_exit(1);
		_exit(0); /* our death sends SIGUSR1 to g */
	}
	char m[2];
	if (read(ready[0], m, 2) != 2)
		return 1;
	printf("PR_GET_PDEATHSIG returns SIGUSR1: %s; cleared in a forked child: %s\n",
	       m[0] == 'S' ? "yes" : "no", m[1] == 'C' ? "yes" : "no");
	if (write(parent_go[1], "g", 1) != 1)
		return 1;
	char d;
	if (read(report[0], &d, 1) != 1)
		return 1;
	printf("grandchild got SIGUSR1 when its parent died: %s\n", d == 'D' ? "yes" : "no");
	int n = 0, st;
	while (wait(&st) > 0)
		n++;
	printf("reaped %d processes\n", n);
	return !(d == 'D' && n == 2);
}

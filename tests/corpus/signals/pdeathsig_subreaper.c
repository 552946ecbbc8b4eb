/* PR_SET_PDEATHSIG: a grandchild asks for SIGUSR1 when its parent dies;
 * the middle process exits, the grandchild's handler runs and reports
 * through a pipe. The top process is a child subreaper
 * (PR_SET_CHILD_SUBREAPER), so the orphan is reparented to it and reaped.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static int rep[2];
static volatile sig_atomic_t got;

static void handler(int sig)
{
	(void)sig;
	got = 1;
	write(rep[1], "D", 1);
}

int main(void)
{
	if (prctl(PR_SET_CHILD_SUBREAPER, 1)) {
		perror("prctl");
		return 1;
	}
	int ready[2];
	if (pipe(rep) || pipe(ready))
		return 1;
	pid_t top = getpid();
	fflush(stdout);
	pid_t middle = fork();
	if (middle == 0) {
		pid_t g = fork();
		if (g == 0) {
			struct sigaction sa;
			memset(&sa, 0, sizeof sa);
			sa.sa_handler = handler;
			sigaction(SIGUSR1, &sa, NULL);
			sigset_t set, old;
			sigemptyset(&set);
			sigaddset(&set, SIGUSR1);
			sigprocmask(SIG_BLOCK, &set, &old);
			prctl(PR_SET_PDEATHSIG, SIGUSR1);
			write(ready[1], "r", 1);
			for (int i = 0; i < 1000 && !got; i++)
				sigsuspend(&old);
			_exit(getppid() == top ? 44 : 45);
		}
		char c;
		read(ready[0], &c, 1);
		_exit(3);   /* the grandchild's parent dies here */
	}
	int st;
	waitpid(middle, &st, 0);
	printf("middle exited %d\n", WEXITSTATUS(st));
	char c = 0;
	read(rep[0], &c, 1);
	printf("grandchild's death signal handler reported: %c\n", c);
	pid_t g = waitpid(-1, &st, 0);
	printf("reaped the orphan: %s, it exited %d (44: reparented to us)\n", g > 0 ? "yes" : "no",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return !(c == 'D' && g > 0 && WEXITSTATUS(st) == 44);
}

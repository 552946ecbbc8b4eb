/* SA_NOCLDWAIT with a SIGCHLD handler: children do not become zombies
 * (wait fails with ECHILD once they are gone) yet the handler still
 * runs for their exits. The recorder's own waits must not change that.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void on_chld(int s)
{
	(void)s;
	hits++;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_chld, .sa_flags = SA_NOCLDWAIT };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	for (int i = 0; i < 3; i++) {
		pid_t c = fork();
		if (c == 0)
			_exit(i);
		/* one at a time, so no two SIGCHLDs merge */
		errno = 0;
		int st;
		pid_t r = waitpid(c, &st, 0);
		printf("child %d: waitpid %s, handler runs so far %d\n", i,
		       r < 0 && errno == ECHILD ? "ECHILD" : "reaped it?", (int)hits);
	}
	return hits != 3;
}

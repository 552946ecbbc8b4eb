/* waitpid() for a child blocked on a pipe, interrupted by SIGALRM whose
 * handler writes to that pipe (so the child exits): without SA_RESTART
 * waitpid fails with EINTR, with SA_RESTART the wait4 is restarted and
 * reaps the child. The child's exit status is checked.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static int p[2];
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
	write(p[1], "q", 1);
}

int main(void)
{
	int bad = 0;
	for (int restart = 0; restart < 2; restart++) {
		if (pipe(p))
			return 1;
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			close(p[1]);
			char c;
			ssize_t r = read(p[0], &c, 1);
			_exit(r == 1 ? 40 + restart : 99);
		}
		close(p[0]);
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		sa.sa_flags = restart ? SA_RESTART : 0;
		sigaction(SIGALRM, &sa, NULL);
		hits = 0;
		struct itimerval it = { { 0, 0 }, { 0, 30000 } };
		setitimer(ITIMER_REAL, &it, NULL);
		int st = 0;
		pid_t r = waitpid(pid, &st, 0);
		int e = errno;
		printf("%s: waitpid %s, handler ran %d",
		       restart ? "SA_RESTART" : "no SA_RESTART",
		       r == pid ? "reaped the child" : r < 0 && e == EINTR ? "failed with EINTR" : "failed",
		       (int)hits);
		bad |= restart ? r != pid : !(r < 0 && e == EINTR);
		if (r != pid)
			r = waitpid(pid, &st, 0);
		printf("; child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		bad |= !WIFEXITED(st) || WEXITSTATUS(st) != 40 + restart;
		close(p[1]);
	}
	return bad;
}

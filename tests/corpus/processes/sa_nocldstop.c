/* SA_NOCLDSTOP: a child stopped and continued sends no SIGCHLD, its exit
 * does; without the flag the stop and the continue each send one.
 * Counted with a handler; each state change is confirmed by waitpid, and
 * the continued child answers a ping (it sends CLD_CONTINUED when it runs).
 * corpus: native=same */
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

static int trial(int flags)
{
	struct sigaction sa = { .sa_handler = on_chld, .sa_flags = flags | SA_RESTART };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	hits = 0;
	int go[2], back[2];
	if (pipe(go) < 0 || pipe(back) < 0)
		return -1;
	pid_t c = fork();
	if (c == 0) {
		setpgid(0, 0);
		char ch;
		for (int i = 0; i < 10; i++) {
			if (read(go[0], &ch, 1) != 1)
				_exit(1);
			if (ch == 'x')
				_exit(0);
			if (write(back[1], "q", 1) != 1)
				_exit(1);
		}
		_exit(2);
	}
	setpgid(c, c);
	char ch;
	int st, counts[3];
	kill(c, SIGSTOP);
	waitpid(c, &st, WUNTRACED);
	counts[0] = hits;
	kill(c, SIGCONT);
	waitpid(c, &st, WCONTINUED);
	if (write(go[1], "p", 1) != 1 || read(back[0], &ch, 1) != 1)
		return -1;
	counts[1] = hits;
	if (write(go[1], "x", 1) != 1)
		return -1;
	waitpid(c, &st, 0);
	counts[2] = hits;
	close(go[0]);
	close(go[1]);
	close(back[0]);
	close(back[1]);
	printf("%s: SIGCHLDs after stop %d, after continue %d, after exit %d\n",
	       flags ? "SA_NOCLDSTOP" : "no flag     ", counts[0], counts[1], counts[2]);
	return counts[2];
}

int main(void)
{
	int a = trial(SA_NOCLDSTOP);
	int b = trial(0);
	return !(a == 1 && b == 3);
}

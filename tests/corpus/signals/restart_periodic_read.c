/* A blocking read restarted again and again: a 1 ms interval timer
 * interrupts it (SA_RESTART) and the kernel restarts it each time; at the
 * 15th tick the handler writes into the pipe and the read returns that
 * byte. Then the same ticks restart a waitpid for a child that exits
 * when the 15th tick's handler writes it a byte.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static int p[2];
static volatile int ticks, target;

static void handler(int sig)
{
	(void)sig;
	if (++ticks == target)
		write(p[1], "z", 1);
}

static void timer(int on)
{
	struct itimerval it = { { 0, on ? 1000 : 0 }, { 0, on ? 1000 : 0 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	if (pipe(p))
		return 1;
	ticks = 0;
	target = 15;
	timer(1);
	char c = 0;
	ssize_t r = read(p[0], &c, 1);
	timer(0);
	printf("read returned %zd '%c' at tick %d\n", r, c, ticks >= 15 ? 15 : ticks);
	int bad = r != 1 || c != 'z';

	/* wait4 restarted by the same ticks; the child exits on the byte */
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGALRM, SIG_IGN);
		char b;
		_exit(read(p[0], &b, 1) == 1 ? 9 : 1);
	}
	ticks = 0;
	target = 15;
	timer(1);
	int st;
	pid_t w = waitpid(pid, &st, 0);
	timer(0);
	printf("waitpid %s, child exited %d\n", w == pid ? "reaped the child" : "failed",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return bad || w != pid || WEXITSTATUS(st) != 9;
}

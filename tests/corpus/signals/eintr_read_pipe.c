/* read() on an empty pipe interrupted by a SIGALRM (one-shot 30 ms timer)
 * whose handler writes a byte into the pipe: without SA_RESTART read fails
 * with EINTR (the byte is read next); with SA_RESTART the kernel restarts
 * the read, which returns the byte. The replay must do the same.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static int p[2];
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
	write(p[1], "x", 1);
}

static void install(int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	sigaction(SIGALRM, &sa, NULL);
}

static void arm_ms(int ms)
{
	struct itimerval it = { { 0, 0 }, { 0, ms * 1000 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
	if (pipe(p))
		return 1;
	int bad = 0;
	for (int restart = 0; restart < 2; restart++) {
		install(restart ? SA_RESTART : 0);
		hits = 0;
		arm_ms(30);
		char c = 0;
		ssize_t r = read(p[0], &c, 1);
		int e = errno;
		printf("%s: read returned %zd%s%s", restart ? "SA_RESTART" : "no SA_RESTART", r,
		       r < 0 ? " errno=" : "", r < 0 ? (e == EINTR ? "EINTR" : strerror(e)) : "");
		bad |= restart ? r != 1 : !(r < 0 && e == EINTR);
		if (r < 0)
			r = read(p[0], &c, 1);
		printf(", byte '%c', handler ran %d\n", c, (int)hits);
		bad |= r != 1 || c != 'x';
	}
	return bad;
}

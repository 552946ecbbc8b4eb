/* write() blocked on a full pipe, interrupted by SIGALRM whose handler
 * drains 4 KiB: without SA_RESTART the write fails with EINTR, with
 * SA_RESTART it is restarted and succeeds. Then a 100000-byte write into
 * an empty pipe blocks after 64 KiB and returns that partial count when
 * interrupted, with or without SA_RESTART.
 * corpus: native=same */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static int p[2];
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	static char sink[4096];
	hits++;
	read(p[0], sink, sizeof sink);
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

static void drain(void)
{
	char buf[4096];
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	while (read(p[0], buf, sizeof buf) > 0)
		;
	fcntl(p[0], F_SETFL, 0);
}

static long fill(void)
{
	char buf[4096];
	long total = 0;
	memset(buf, 'f', sizeof buf);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	ssize_t w;
	while ((w = write(p[1], buf, sizeof buf)) > 0)
		total += w;
	fcntl(p[1], F_SETFL, 0);
	return total;
}

int main(void)
{
	if (pipe(p))
		return 1;
	int bad = 0;
	static char big[100000];
	for (int restart = 0; restart < 2; restart++) {
		const char *mode = restart ? "SA_RESTART" : "no SA_RESTART";
		install(restart ? SA_RESTART : 0);
		long cap = fill();
		hits = 0;
		arm_ms(30);
		ssize_t r = write(p[1], "y", 1);
		int e = errno;
		printf("%s: pipe held %ld bytes; write of 1 byte returned %zd%s, handler ran %d\n",
		       mode, cap, r, r < 0 ? (e == EINTR ? " (EINTR)" : " (other error)") : "", (int)hits);
		bad |= restart ? r != 1 : !(r < 0 && e == EINTR);
		drain();
		hits = 0;
		arm_ms(30);
		r = write(p[1], big, sizeof big);
		printf("%s: write of %zu bytes into an empty pipe returned %zd, handler ran %d\n",
		       mode, sizeof big, r, (int)hits);
		bad |= r != cap;
		drain();
	}
	return bad;
}

/* recv() on an AF_UNIX socketpair with nothing to read, interrupted by
 * SIGALRM whose handler sends a message from the other end: without
 * SA_RESTART recv fails with EINTR, with SA_RESTART it is restarted and
 * returns the message.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int sv[2];
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
	send(sv[1], "ping", 4, 0);
}

int main(void)
{
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return 1;
	int bad = 0;
	for (int restart = 0; restart < 2; restart++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		sa.sa_flags = restart ? SA_RESTART : 0;
		sigaction(SIGALRM, &sa, NULL);
		hits = 0;
		struct itimerval it = { { 0, 0 }, { 0, 30000 } };
		setitimer(ITIMER_REAL, &it, NULL);
		char buf[16] = { 0 };
		ssize_t r = recv(sv[0], buf, sizeof buf - 1, 0);
		int e = errno;
		printf("%s: recv returned %zd%s, handler ran %d",
		       restart ? "SA_RESTART" : "no SA_RESTART", r,
		       r < 0 ? (e == EINTR ? " EINTR" : " (other error)") : "", (int)hits);
		bad |= restart ? r != 4 : !(r < 0 && e == EINTR);
		if (r < 0)
			r = recv(sv[0], buf, sizeof buf - 1, 0);
		printf("; got '%s'\n", buf);
		bad |= strcmp(buf, "ping") != 0;
	}
	return bad;
}

/* connect() to an AF_UNIX stream listener whose backlog is full blocks;
 * SIGALRM interrupts it and the handler accepts the queued connection,
 * making room: without SA_RESTART connect fails with EINTR (and a retry
 * connects), with SA_RESTART it is restarted and connects.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

static int ls;
static int accepted[8];
static volatile int naccepted;
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
	int c = accept(ls, NULL, NULL);
	if (c >= 0 && naccepted < 8)
		accepted[naccepted++] = c;
}

int main(void)
{
	char dir[] = "/tmp/heisen-sigXXXXXX";
	if (!mkdtemp(dir))
		return 1;
	struct sockaddr_un sun;
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof sun.sun_path, "%s/sock", dir);
	ls = socket(AF_UNIX, SOCK_STREAM, 0);
	if (ls < 0 || bind(ls, (struct sockaddr *)&sun, sizeof sun) || listen(ls, 0)) {
		perror("listener");
		return 1;
	}
	int bad = 0;
	int fds[8], nfds = 0;
	for (int restart = 0; restart < 2; restart++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		sa.sa_flags = restart ? SA_RESTART : 0;
		sigaction(SIGALRM, &sa, NULL);
		/* fill the backlog: with listen(0) one connection waits unaccepted */
		int first = socket(AF_UNIX, SOCK_STREAM, 0);
		if (connect(first, (struct sockaddr *)&sun, sizeof sun)) {
			perror("first connect");
			return 1;
		}
		fds[nfds++] = first;
		hits = 0;
		struct itimerval it = { { 0, 0 }, { 0, 30000 } };
		setitimer(ITIMER_REAL, &it, NULL);
		int s = socket(AF_UNIX, SOCK_STREAM, 0);
		int r = connect(s, (struct sockaddr *)&sun, sizeof sun);
		int e = errno;
		printf("%s: blocked connect returned %d%s, handler ran %d",
		       restart ? "SA_RESTART" : "no SA_RESTART", r,
		       r < 0 ? (e == EINTR ? " EINTR" : " (other error)") : "", (int)hits);
		bad |= restart ? r != 0 : !(r < 0 && e == EINTR);
		if (r < 0) {
			r = connect(s, (struct sockaddr *)&sun, sizeof sun);
			printf("; retry returned %d", r);
		}
		printf("\n");
		bad |= r != 0;
		fds[nfds++] = s;
		int c = accept(ls, NULL, NULL);   /* the second one, to leave the queue empty */
		if (c >= 0)
			fds[nfds++] = c;
	}
	for (int i = 0; i < nfds; i++)
		close(fds[i]);
	for (int i = 0; i < naccepted; i++)
		close(accepted[i]);
	close(ls);
	unlink(sun.sun_path);
	rmdir(dir);
	return bad;
}

/* accept() on a 127.0.0.1 listener interrupted by SIGALRM whose handler
 * connects to it (socket and connect are async-signal-safe): without
 * SA_RESTART accept fails with EINTR and the next accept takes the
 * connection; with SA_RESTART accept is restarted and takes it at once.
 * corpus: native=same */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static struct sockaddr_in addr;
static volatile int client = -1;
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s >= 0 && connect(s, (struct sockaddr *)&addr, sizeof addr) == 0)
		write(s, "hi", 2);
	client = s;
}

int main(void)
{
	int ls = socket(AF_INET, SOCK_STREAM, 0);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	addr.sin_port = 0;
	socklen_t len = sizeof addr;
	if (ls < 0 || bind(ls, (struct sockaddr *)&addr, sizeof addr) || listen(ls, 4) ||
	    getsockname(ls, (struct sockaddr *)&addr, &len)) {
		perror("listener");
		return 1;
	}
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
		int c = accept(ls, NULL, NULL);
		int e = errno;
		printf("%s: accept %s, handler ran %d",
		       restart ? "SA_RESTART" : "no SA_RESTART",
		       c >= 0 ? "returned a connection" : e == EINTR ? "failed with EINTR" : "failed", (int)hits);
		bad |= restart ? c < 0 : !(c < 0 && e == EINTR);
		if (c < 0)
			c = accept(ls, NULL, NULL);
		char buf[8] = { 0 };
		ssize_t n = c >= 0 ? read(c, buf, sizeof buf - 1) : -1;
		printf("; read %zd bytes: %s\n", n, buf);
		bad |= n != 2;
		if (c >= 0)
			close(c);
		close(client);
	}
	close(ls);
	return bad;
}

/* SIGPIPE: writing to a pipe whose reader is gone raises SIGPIPE; with a
 * handler it runs and write fails with EPIPE; with SIG_IGN only EPIPE; with
 * the default action (in a child) the writer dies of SIGPIPE. Also send()
 * with MSG_NOSIGNAL on a socketpair: EPIPE and no signal.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

static int broken_write(void)
{
	int p[2];
	if (pipe(p))
		return -2;
	close(p[0]);
	errno = 0;
	int r = (int)write(p[1], "x", 1);
	int e = errno;
	close(p[1]);
	return r < 0 && e == EPIPE ? 1 : 0;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGPIPE, &sa, NULL);
	int epipe = broken_write();
	printf("handler: EPIPE %d, handler ran %d\n", epipe, (int)hits);
	signal(SIGPIPE, SIG_IGN);
	hits = 0;
	epipe = broken_write();
	printf("SIG_IGN: EPIPE %d, handler ran %d\n", epipe, (int)hits);
	signal(SIGPIPE, handler);
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	close(sv[1]);
	ssize_t r = send(sv[0], "x", 1, MSG_NOSIGNAL);
	printf("MSG_NOSIGNAL: EPIPE %d, handler ran %d\n", r < 0 && errno == EPIPE, (int)hits);
	close(sv[0]);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		broken_write();
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	printf("default: child %s\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE ? "killed by SIGPIPE" : "survived");
	return !(WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE && hits == 0);
}

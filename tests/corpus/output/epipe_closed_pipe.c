/* Writes to a pipe whose read end is closed: with SIGPIPE ignored write
 * fails EPIPE; with SIGPIPE default a child writing is killed by it; with
 * a handler the handler runs and write fails EPIPE; stdio reports it too.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t caught;
static void on_pipe(int sig)
{
	(void)sig;
	caught++;
}

static int dead_pipe(void)
{
	int p[2];
	if (pipe(p) < 0)
		return -1;
	close(p[0]);
	return p[1];
}

int main(void)
{
	int fd = dead_pipe();
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	ssize_t n = write(fd, "hello", 5);
	printf("ignored: write returned %zd, %s\n", n, errno == EPIPE ? "EPIPE" : strerror(errno));
	close(fd);

	fd = dead_pipe();
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		ssize_t r = write(fd, "hello", 5);
		(void)r;
		_exit(0);	/* not reached */
	}
	int st;
	waitpid(pid, &st, 0);
	printf("default: child %s\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE ?
	       "killed by SIGPIPE" : "NOT killed by SIGPIPE");
	close(fd);

	fd = dead_pipe();
	signal(SIGPIPE, on_pipe);
	errno = 0;
	n = write(fd, "hello", 5);
	int e = errno;
	printf("handled: write returned %zd, %s, handler ran %d times\n", n,
	       e == EPIPE ? "EPIPE" : strerror(e), (int)caught);

	FILE *f = fdopen(fd, "w");
	fputs("through stdio\n", f);
	int fl = fflush(f);
	e = errno;
	printf("stdio: fflush %d, %s, ferror %d, handler ran %d times\n", fl,
	       e == EPIPE ? "EPIPE" : strerror(e), ferror(f) != 0, (int)caught);
	fclose(f);
	return caught == 2 ? 0 : 1;
}

/* RLIMIT_FSIZE: a write that crosses the file size limit is cut at the
 * limit (a short write, no signal); the next one, wholly past it, raises
 * SIGXFSZ and, with a handler, fails with EFBIG; with the default action
 * the process dies of SIGXFSZ. Both run in children (the limit would hit
 * stdout too, were it a file), which report through a pipe.
 * corpus: native=same */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

static pid_t spawn(const char *path, int with_handler, int out)
{
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);
	struct rlimit lim = { 1000, 1000 };
	setrlimit(RLIMIT_FSIZE, &lim);
	if (with_handler) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		sigaction(SIGXFSZ, &sa, NULL);
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		_exit(2);
	char buf[1500];
	memset(buf, 'x', sizeof buf);
	ssize_t w1 = write(fd, buf, sizeof buf);
	int h1 = hits;
	ssize_t w2 = write(fd, buf, 10);
	int e2 = errno;
	char line[128];
	int n = snprintf(line, sizeof line, "write 1500: %zd (handler %d); write 10 more: %zd %s (handler %d)\n",
			 w1, h1, w2, w2 < 0 && e2 == EFBIG ? "EFBIG" : "", (int)hits);
	write(out, line, (size_t)n);
	_exit(0);
}

int main(void)
{
	char dir[] = "/tmp/heisen-xfszXXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[64];
	snprintf(path, sizeof path, "%s/f", dir);
	int p[2];
	if (pipe(p))
		return 1;
	fflush(stdout);
	int bad = 0;
	for (int with_handler = 1; with_handler >= 0; with_handler--) {
		pid_t pid = spawn(path, with_handler, p[1]);
		int st;
		waitpid(pid, &st, 0);
		if (with_handler) {
			char line[128] = { 0 };
			read(p[0], line, sizeof line - 1);
			printf("handler: %s", line);
			bad |= strstr(line, "write 1500: 1000 (handler 0); write 10 more: -1 EFBIG (handler 1)") == NULL;
		} else {
			printf("default action: child %s\n",
			       WIFSIGNALED(st) && WTERMSIG(st) == SIGXFSZ ? "killed by SIGXFSZ" : "survived");
			bad |= !(WIFSIGNALED(st) && WTERMSIG(st) == SIGXFSZ);
		}
	}
	unlink(path);
	rmdir(dir);
	return bad;
}

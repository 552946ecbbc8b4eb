/* fcntl(F_SETLKW) waiting for a lock held by a child, interrupted by
 * SIGALRM whose handler tells the child (through a pipe) to let go: without
 * SA_RESTART fcntl fails with EINTR (the retry gets the lock), with
 * SA_RESTART it is restarted and gets the lock (a POSIX record lock).
 * corpus: native=same */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static int release[2];

static int lock_wait(int fd)
{
	struct flock fl;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 0;
	fl.l_len = 0;
	return fcntl(fd, F_SETLKW, &fl);
}
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
	write(release[1], "r", 1);
}

int main(void)
{
	char dir[] = "/tmp/heisen-sigXXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[64];
	snprintf(path, sizeof path, "%s/lock", dir);
	int bad = 0;
	for (int restart = 0; restart < 2; restart++) {
		int held[2];
		if (pipe(release) || pipe(held))
			return 1;
		fflush(stdout);
		pid_t pid = fork();
		if (pid == 0) {
			int fd = open(path, O_RDWR | O_CREAT, 0600);
			if (fd < 0 || lock_wait(fd))
				_exit(2);
			write(held[1], "h", 1);
			char c;
			read(release[0], &c, 1);
			_exit(0);
		}
		char c;
		if (read(held[0], &c, 1) != 1)
			return 1;
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = handler;
		sa.sa_flags = restart ? SA_RESTART : 0;
		sigaction(SIGALRM, &sa, NULL);
		hits = 0;
		int fd = open(path, O_RDWR);
		struct itimerval it = { { 0, 0 }, { 0, 30000 } };
		setitimer(ITIMER_REAL, &it, NULL);
		int r = lock_wait(fd);
		int e = errno;
		printf("%s: fcntl(F_SETLKW) returned %d%s, handler ran %d",
		       restart ? "SA_RESTART" : "no SA_RESTART", r,
		       r < 0 ? (e == EINTR ? " EINTR" : " (other error)") : "", (int)hits);
		bad |= restart ? r != 0 : !(r < 0 && e == EINTR);
		if (r < 0)
			r = lock_wait(fd);
		printf("; lock taken: %s\n", r == 0 ? "yes" : "no");
		bad |= r != 0;
		close(fd);
		int st;
		waitpid(pid, &st, 0);
		bad |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
		close(release[0]);
		close(release[1]);
		close(held[0]);
		close(held[1]);
	}
	unlink(path);
	rmdir(dir);
	return bad;
}

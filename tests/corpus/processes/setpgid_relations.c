/* Process groups: a child made a group leader (setpgid by both parent and
 * child, the race-free idiom), a second child moved into the first one's
 * group, setpgid errors (EACCES after exec, EPERM across sessions, ESRCH
 * for a non-child); relations printed, never ids.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *e(int r)
{
	return r == 0 ? "ok" : errno == EACCES ? "EACCES" : errno == EPERM ? "EPERM" : errno == ESRCH ? "ESRCH" : strerror(errno);
}

static pid_t child(int rfd, int leader)
{
	pid_t c = fork();
	if (c == 0) {
		if (leader)
			setpgid(0, 0);
		char ch;
		if (read(rfd, &ch, 1) < 0)
			_exit(1);
		_exit(0);
	}
	return c;
}

int main(void)
{
	int p[2];
	if (pipe(p) < 0)
		return 1;
	pid_t a = child(p[0], 1);
	setpgid(a, a);
	pid_t b = child(p[0], 0);
	int rb = setpgid(b, a);
	printf("child A is a group leader: %s\n", getpgid(a) == a ? "yes" : "no");
	printf("move B into A's group: %s; B's group is A's: %s\n", e(rb),
	       getpgid(b) == getpgid(a) ? "yes" : "no");
	printf("our group unchanged: %s; A's group differs from ours: %s\n",
	       getpgrp() == getpgid(0) ? "yes" : "no", getpgid(a) != getpgrp() ? "yes" : "no");
	printf("same session: %s\n", getsid(a) == getsid(0) && getsid(b) == getsid(0) ? "yes" : "no");
	printf("setpgid of a non-child (pid 1): %s\n", e(setpgid(1, 0)));
	printf("setpgid to a group that does not exist: %s\n", e(setpgid(b, b + 100000)));

	/* a child that execs sleep; the close-on-exec pipe tells us when */
	int ex[2];
	if (pipe2(ex, O_CLOEXEC) < 0)
		return 1;
	pid_t c = fork();
	if (c == 0) {
		close(ex[0]);
		execl("/bin/sleep", "sleep", "5", (char *)NULL);
		_exit(127);
	}
	close(ex[1]);
	char ch;
	int execd = read(ex[0], &ch, 1) == 0;
	int after_exec = setpgid(c, c);
	printf("setpgid after the child exec'd: %s\n", execd ? e(after_exec) : "(exec failed)");
	kill(c, SIGKILL);

	pid_t s = fork();
	if (s == 0) {
		setsid();
		/* now in another session: moving into A's group is EPERM */
		int r = setpgid(0, a);
		_exit(r < 0 && errno == EPERM ? 0 : 1);
	}
	int st;
	waitpid(s, &st, 0);
	printf("setpgid into a group of another session: %s\n", WEXITSTATUS(st) == 0 ? "EPERM" : "?");
	if (write(p[1], "gg", 2) != 2)
		return 1;
	waitpid(a, NULL, 0);
	waitpid(b, NULL, 0);
	waitpid(c, &st, 0);
	printf("exec'd child killed: %s\n", WIFSIGNALED(st) ? "yes" : "no");
	return 0;
}

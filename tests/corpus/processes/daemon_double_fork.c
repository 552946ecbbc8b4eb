/* The classic daemon start: fork, setsid in the child, fork again so the
 * daemon is no session leader, the middle process exits at once; the
 * daemon reports its relations through a pipe before it exits, and the
 * original process reads them after reaping the middle one.
 * corpus: native=same */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2], hold[2];
	if (pipe(p) < 0 || pipe(hold) < 0)
		return 1;
	pid_t top = getpid();
	pid_t mid = fork();
	if (mid == 0) {
		close(p[0]);
		if (setsid() < 0)
			_exit(2);
		pid_t sid = getsid(0);
		pid_t d = fork();
		if (d != 0)
			_exit(d > 0 ? 0 : 3); /* the middle exits at once */
		/* the daemon: wait until its parent is gone, then report */
		char c;
		close(hold[1]);
		if (read(hold[0], &c, 1) != 0)
			_exit(4);
		if (chdir("/") < 0)
			_exit(5);
		umask(0);
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0);
		char msg[256];
		int n = snprintf(msg, sizeof msg,
				 "daemon: session leader %s, in the middle's session %s, "
				 "group leader %s, parent is the original %s, orphaned %s\n",
				 getsid(0) == getpid() ? "yes" : "no", getsid(0) == sid ? "yes" : "no",
				 getpgrp() == getpid() ? "yes" : "no", getppid() == top ? "yes" : "no",
				 getppid() != mid ? "yes" : "no");
		if (write(p[1], msg, n) != n)
			_exit(6);
		_exit(0);
	}
	close(p[1]);
	int st;
	waitpid(mid, &st, 0);
	printf("middle process exited %d\n", WEXITSTATUS(st));
	close(hold[1]); /* the middle is gone: let the daemon go on */
	close(hold[0]);
	char buf[512];
	ssize_t n, total = 0;
	while ((n = read(p[0], buf + total, sizeof buf - 1 - total)) > 0)
		total += n;
	buf[total] = 0;
	printf("%s", buf);
	printf("daemon in our session: %s\n", total > 0 ? "no (it has its own)" : "unknown");
	return total == 0;
}

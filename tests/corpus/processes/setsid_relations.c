/* Sessions: setsid in a process group leader fails with EPERM; a child's
 * setsid makes it session and group leader with no controlling terminal;
 * its own child inherits the session; getsid of another process; and
 * a second setsid by the new leader fails.
 * corpus: native=same */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int p[2], back[2];
	if (pipe(p) < 0 || pipe(back) < 0)
		return 1;
	/* become a group leader ourselves, then setsid must fail */
	pid_t leader = fork();
	if (leader == 0) {
		setpgid(0, 0);
		errno = 0;
		int r = setsid();
		_exit(r < 0 && errno == EPERM ? 0 : 1);
	}
	int st;
	waitpid(leader, &st, 0);
	printf("setsid by a group leader: %s\n", WEXITSTATUS(st) == 0 ? "EPERM" : "?");

	pid_t c = fork();
	if (c == 0) {
		pid_t old = getsid(0);
		pid_t s = setsid();
		char m[8] = "-------";
		m[0] = s == getpid() ? 'S' : 's';
		m[1] = getsid(0) == getpid() ? 'L' : 'l';
		m[2] = getpgrp() == getpid() ? 'G' : 'g';
		m[3] = getsid(0) != old ? 'N' : 'n';
		m[4] = open("/dev/tty", O_RDWR) < 0 ? 'T' : 't';
		errno = 0;
		m[5] = setsid() < 0 && errno == EPERM ? 'E' : 'e';
		pid_t g = fork();
		if (g == 0)
			_exit(getsid(0) == getppid() && getpgrp() == getppid() ? 0 : 1);
		int gst;
		waitpid(g, &gst, 0);
		m[6] = WEXITSTATUS(gst) == 0 ? 'I' : 'i';
		if (write(p[1], m, 7) != 7)
			_exit(1);
		char ch;
		if (read(back[0], &ch, 1) != 1) /* stay alive for getsid */
			_exit(1);
		_exit(0);
	}
	char m[8] = "";
	if (read(p[0], m, 7) != 7)
		return 1;
	printf("new session's child: setsid returned its pid %s, session leader %s, group leader %s\n",
	       m[0] == 'S' ? "yes" : "no", m[1] == 'L' ? "yes" : "no", m[2] == 'G' ? "yes" : "no");
	printf("  left our session %s, no controlling tty %s, second setsid EPERM %s\n",
	       m[3] == 'N' ? "yes" : "no", m[4] == 'T' ? "yes" : "no", m[5] == 'E' ? "yes" : "no");
	printf("  its child inherits its session and group: %s\n", m[6] == 'I' ? "yes" : "no");
	printf("getsid(child) from here is the child: %s; differs from ours: %s\n",
	       getsid(c) == c ? "yes" : "no", getsid(c) != getsid(0) ? "yes" : "no");
	if (write(back[1], "x", 1) != 1)
		return 1;
	waitpid(c, &st, 0);
	errno = 0;
	printf("getsid of a reaped child: %s\n", getsid(c) < 0 && errno == ESRCH ? "ESRCH" : "?");
	return strcmp(m, "SLGNTEI") != 0;
}

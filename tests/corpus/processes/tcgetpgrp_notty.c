/* Terminal job-control calls on things that are not terminals: tcgetpgrp
 * and tcsetpgrp on /dev/null, a pipe and a regular file fail with
 * ENOTTY, isatty is 0, and a process without a controlling terminal
 * (a new session) cannot open /dev/tty (ENXIO).
 * corpus: native=same */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static const char *en(int e)
{
	return e == ENOTTY ? "ENOTTY" : e == ENXIO ? "ENXIO" : e == 0 ? "ok" : strerror(e);
}

static void probe(const char *what, int fd)
{
	errno = 0;
	pid_t g = tcgetpgrp(fd);
	int e1 = g < 0 ? errno : 0;
	errno = 0;
	int r = tcsetpgrp(fd, getpgrp());
	int e2 = r < 0 ? errno : 0;
	errno = 0;
	int tty = isatty(fd);
	int e3 = errno;
	errno = 0;
	pid_t sid;
	int r4 = ioctl(fd, TIOCGSID, &sid);
	int e4 = r4 < 0 ? errno : 0;
	printf("%-13s tcgetpgrp %s, tcsetpgrp %s, isatty %d (%s), TIOCGSID %s\n", what, en(e1),
	       en(e2), tty, en(e3), en(e4));
}

int main(void)
{
	char dir[] = "/tmp/notty.XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char file[64];
	snprintf(file, sizeof file, "%s/f", dir);
	int p[2];
	if (pipe(p) < 0)
		return 1;
	int null = open("/dev/null", O_RDWR);
	int reg = open(file, O_RDWR | O_CREAT, 0600);
	probe("/dev/null", null);
	probe("pipe", p[0]);
	probe("regular file", reg);
	pid_t c = fork();
	if (c == 0) {
		setsid();
		errno = 0;
		int fd = open("/dev/tty", O_RDWR);
		_exit(fd < 0 ? (errno == ENXIO ? 0 : 1) : 2);
	}
	int st;
	waitpid(c, &st, 0);
	printf("open(/dev/tty) in a new session: %s\n",
	       WEXITSTATUS(st) == 0 ? "ENXIO" : WEXITSTATUS(st) == 2 ? "opened?" : "other error");
	struct termios t;
	errno = 0;
	printf("tcgetattr on a pipe: %s\n", tcgetattr(p[1], &t) < 0 ? en(errno) : "ok");
	unlink(file);
	rmdir(dir);
	return 0;
}

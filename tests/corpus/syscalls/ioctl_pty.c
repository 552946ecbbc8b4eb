/* Terminal ioctls on a pseudo-terminal pair: TIOCGPTN and TIOCSPTLCK
 * (through ptsname and unlockpt; the number is not printed), TCGETS and
 * TCSETS (raw mode through tcsetattr), TIOCSWINSZ then TIOCGWINSZ on the
 * other side, FIONREAD on the slave after the master wrote, TIOCOUTQ,
 * TIOCGPGRP without a controlling terminal (ENOTTY), FIONBIO making a
 * read fail with EAGAIN, FIOCLEX and FIONCLEX seen through F_GETFD,
 * TIOCGPTPEER opening the slave from the master, and TCGETS on a pipe
 * (ENOTTY).
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static const char *en(long r)
{
	return r < 0 ? strerrorname_np(errno) : "ok";
}

int main(void)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0) {
		perror("pty");
		return 1;
	}
	unsigned ptn = 0;
	long r = ioctl(m, TIOCGPTN, &ptn);
	printf("TIOCGPTN: %s\n", en(r));
	int s = open(ptsname(m), O_RDWR | O_NOCTTY);
	if (s < 0) {
		perror("open slave");
		return 1;
	}
	struct termios t;
	r = tcgetattr(s, &t);
	printf("TCGETS: %s, echo %s, canonical %s\n", en(r),
	       t.c_lflag & ECHO ? "on" : "off", t.c_lflag & ICANON ? "on" : "off");
	cfmakeraw(&t);
	r = tcsetattr(s, TCSANOW, &t);
	printf("TCSETS raw: %s\n", en(r));
	tcgetattr(s, &t);
	printf("now echo %s, canonical %s\n", t.c_lflag & ECHO ? "on" : "off",
	       t.c_lflag & ICANON ? "on" : "off");
	struct winsize w = { .ws_row = 42, .ws_col = 132 }, got = { 0 };
	r = ioctl(m, TIOCSWINSZ, &w);
	printf("TIOCSWINSZ: %s\n", en(r));
	r = ioctl(s, TIOCGWINSZ, &got);
	printf("TIOCGWINSZ: %s %ux%u\n", en(r), got.ws_col, got.ws_row);
	if (write(m, "hello", 5) != 5)
		return 1;
	int avail = -1;
	for (int i = 0; i < 200 && avail < 5; i++) {
		ioctl(s, FIONREAD, &avail);
		if (avail < 5)
			usleep(1000);
	}
	printf("FIONREAD on the slave: %d\n", avail);
	char buf[16];
	r = read(s, buf, sizeof buf);
	printf("read %ld\n", r);
	int q = -1;
	r = ioctl(s, TIOCOUTQ, &q);
	printf("TIOCOUTQ: %s %d\n", en(r), q);
	pid_t pg;
	r = ioctl(s, TIOCGPGRP, &pg);
	printf("TIOCGPGRP, no controlling tty: %s\n", en(r));
	int on = 1;
	r = ioctl(s, FIONBIO, &on);
	printf("FIONBIO: %s\n", en(r));
	r = read(s, buf, sizeof buf);
	printf("read, nothing there: %ld %s\n", r, en(r));
	r = ioctl(s, FIOCLEX);
	printf("FIOCLEX: %s, FD_CLOEXEC %d\n", en(r),
	       fcntl(s, F_GETFD) & FD_CLOEXEC);
	r = ioctl(s, FIONCLEX);
	printf("FIONCLEX: %s, FD_CLOEXEC %d\n", en(r),
	       fcntl(s, F_GETFD) & FD_CLOEXEC);
	int peer = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
	printf("TIOCGPTPEER: %s, a tty: %s\n", en(peer),
	       peer >= 0 && isatty(peer) ? "yes" : "no");
	int p[2];
	if (pipe(p) < 0)
		return 1;
	r = tcgetattr(p[0], &t);
	printf("TCGETS on a pipe: %s\n", en(r));
	return 0;
}

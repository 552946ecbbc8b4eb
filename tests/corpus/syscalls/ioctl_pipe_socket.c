/* FIONREAD-class ioctls on a pipe and a socket pair: FIONREAD after
 * writes and partial reads, FIONBIO on the pipe (read: EAGAIN), SIOCINQ
 * and SIOCOUTQ on a stream socket, FIONREAD on a datagram socket (the
 * size of the next datagram), SIOCATMARK, and FIOASYNC on and off.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sockios.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *en(long r)
{
	return r < 0 ? strerrorname_np(errno) : "ok";
}

int main(void)
{
	int p[2], n = -1;
	char buf[64];
	if (pipe(p) < 0)
		return 1;
	ioctl(p[0], FIONREAD, &n);
	printf("pipe, empty: %d\n", n);
	if (write(p[1], "0123456789", 10) != 10 || write(p[1], "abc", 3) != 3)
		return 1;
	ioctl(p[0], FIONREAD, &n);
	printf("pipe, two writes: %d\n", n);
	if (read(p[0], buf, 4) != 4)
		return 1;
	ioctl(p[0], FIONREAD, &n);
	printf("pipe, after reading 4: %d\n", n);
	if (read(p[0], buf, sizeof buf) != 9)
		return 1;
	int on = 1;
	long r = ioctl(p[0], FIONBIO, &on);
	printf("FIONBIO: %s\n", en(r));
	r = read(p[0], buf, 1);
	printf("read empty: %ld %s\n", r, en(r));

	int s[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, s) < 0)
		return 1;
	if (send(s[0], "stream bytes", 12, 0) != 12)
		return 1;
	int inq = -1, outq = -1, mark = -1;
	r = ioctl(s[1], SIOCINQ, &inq);
	printf("SIOCINQ: %s %d\n", en(r), inq);
	r = ioctl(s[0], SIOCOUTQ, &outq);
	printf("SIOCOUTQ: %s %d\n", en(r), outq);
	r = ioctl(s[1], SIOCATMARK, &mark);
	printf("SIOCATMARK on AF_UNIX: %s\n", en(r));
	int d[2];
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, d) < 0)
		return 1;
	if (send(d[0], "first", 5, 0) != 5 || send(d[0], "second one", 10, 0) != 10)
		return 1;
	ioctl(d[1], FIONREAD, &n);
	printf("datagram FIONREAD: %d\n", n);
	recv(d[1], buf, sizeof buf, 0);
	ioctl(d[1], FIONREAD, &n);
	printf("datagram FIONREAD after one: %d\n", n);
	on = 1;
	r = ioctl(d[1], FIOASYNC, &on);
	printf("FIOASYNC on: %s\n", en(r));
	on = 0;
	r = ioctl(d[1], FIOASYNC, &on);
	printf("FIOASYNC off: %s\n", en(r));
	return 0;
}

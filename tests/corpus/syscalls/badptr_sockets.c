/* Bad pointers to socket calls on a UNIX stream pair and a bound UDP
 * socket: getsockname with a bad address or a bad length (EFAULT),
 * getsockopt with a bad value, setsockopt with a bad value, recvmsg with
 * a bad msghdr or a bad iovec array, sendmsg with a bad msghdr, poll and
 * select with bad arrays, epoll_wait into a bad array with nothing ready
 * (0) and with an event ready (EFAULT). recvfrom without an address
 * ignores a bad length pointer and receives; accept4 without an address
 * ignores it too.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#define BAD ((void *)8)

static void show(const char *what, long r)
{
	printf("%-30s %ld %s\n", what, r, r < 0 ? strerrorname_np(errno) : "");
	errno = 0;
}

int main(void)
{
	int s[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, s) < 0)
		return 1;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	show("getsockname bad address", syscall(SYS_getsockname, s[0], BAD, &len));
	show("getsockname bad length", syscall(SYS_getsockname, s[0], &ss, BAD));
	len = sizeof(int);
	show("getsockopt bad value",
	     syscall(SYS_getsockopt, s[0], SOL_SOCKET, SO_TYPE, BAD, &len));
	show("setsockopt bad value",
	     syscall(SYS_setsockopt, s[0], SOL_SOCKET, SO_RCVBUF, BAD, 4));
	show("recvmsg bad msghdr", syscall(SYS_recvmsg, s[1], BAD, MSG_DONTWAIT));
	if (send(s[0], "abc", 3, 0) != 3)
		return 1;
	struct msghdr m = { .msg_iov = BAD, .msg_iovlen = 1 };
	show("recvmsg bad iovecs", syscall(SYS_recvmsg, s[1], &m, 0));
	show("sendmsg bad msghdr", syscall(SYS_sendmsg, s[0], BAD, 0));
	char buf[8] = "";
	show("recvfrom, no address, bad len",
	     syscall(SYS_recvfrom, s[1], buf, sizeof buf, 0, NULL, BAD));
	printf("received: %s\n", buf);
	show("poll bad array", syscall(SYS_poll, BAD, 1, 0));
	show("select bad fd_set", syscall(SYS_select, 4, BAD, NULL, NULL, NULL));
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 1 };
	epoll_ctl(ep, EPOLL_CTL_ADD, s[1], &ev);
	show("epoll_wait, none ready", syscall(SYS_epoll_wait, ep, BAD, 1, 0));
	if (send(s[0], "d", 1, 0) != 1)
		return 1;
	show("epoll_wait, one ready", syscall(SYS_epoll_wait, ep, BAD, 1, 0));

	/* an abstract name the kernel picks (autobind) */
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	socklen_t alen = sizeof(sa_family_t);
	if (bind(l, (struct sockaddr *)&a, alen) < 0 || listen(l, 1) < 0)
		return 1;
	alen = sizeof a;
	if (getsockname(l, (struct sockaddr *)&a, &alen) < 0)
		return 1;
	int c = socket(AF_UNIX, SOCK_STREAM, 0);
	if (connect(c, (struct sockaddr *)&a, alen) < 0)
		return 1;
	long r = syscall(SYS_accept4, l, NULL, BAD, 0);
	printf("%-30s %s\n", "accept4, no address, bad len",
	       r >= 0 ? "a new fd" : strerrorname_np(errno));
	return 0;
}

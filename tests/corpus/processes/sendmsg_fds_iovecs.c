/* sendmsg with several iovecs and an SCM_RIGHTS fd, parent to child over a
 * socketpair, as Python's multiprocessing and systemd's fd passing do: the
 * child reads the message, then writes through the fd it was given. The
 * replay must gather the iovecs' bytes, not the msghdr's, when it checks
 * what the program sent.
 * corpus: native=same */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static int send_fd(int sock, int fd, int round)
{
	char head[32], body[] = "-payload-", tail[] = "end";
	snprintf(head, sizeof head, "round %d ", round);
	struct iovec iov[3] = {{head, strlen(head)}, {body, strlen(body)}, {tail, 3}};
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	memset(&ctl, 0, sizeof ctl);
	struct msghdr m = {.msg_iov = iov, .msg_iovlen = 3, .msg_control = ctl.buf,
			   .msg_controllen = sizeof ctl.buf};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof fd);
	return sendmsg(sock, &m, 0) > 0 ? 0 : -1;
}

static void child(int sock)
{
	for (int round = 0; round < 3; round++) {
		char data[64] = "";
		union {
			struct cmsghdr align;
			char buf[CMSG_SPACE(sizeof(int))];
		} ctl;
		struct iovec iov = {data, sizeof data - 1};
		struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf,
				   .msg_controllen = sizeof ctl.buf};
		if (recvmsg(sock, &m, 0) <= 0)
			_exit(1);
		struct cmsghdr *c = CMSG_FIRSTHDR(&m);
		int fd;
		if (!c || c->cmsg_type != SCM_RIGHTS)
			_exit(2);
		memcpy(&fd, CMSG_DATA(c), sizeof fd);
		dprintf(fd, "child got \"%s\" and writes through the fd it was sent\n", data);
		close(fd);
	}
	_exit(0);
}

int main(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return 1;
	setvbuf(stdout, NULL, _IONBF, 0);
	pid_t p = fork();
	if (p == 0) {
		close(sv[0]);
		child(sv[1]);
	}
	close(sv[1]);
	for (int round = 0; round < 3; round++) {
		int out = dup(1);
		if (send_fd(sv[0], out, round) < 0)
			return 1;
		close(out);
	}
	int st;
	waitpid(p, &st, 0);
	printf("child exited %d\n", WEXITSTATUS(st));
	return WEXITSTATUS(st);
}

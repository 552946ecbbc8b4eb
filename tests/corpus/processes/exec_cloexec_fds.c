/* close-on-exec across fork + exec: fds opened with O_CLOEXEC, set with
 * fcntl(FD_CLOEXEC), made by dup3/pipe2/socket/epoll/eventfd with their
 * CLOEXEC flags, and plain ones; the new image (this program re-run)
 * checks which of the fd numbers it was told about are still open.
 * corpus: native=same */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

struct fdinfo {
	const char *name;
	int fd;
	int expect_open;
};

static int place(int fd, int at, int cloexec)
{
	int r = cloexec ? dup3(fd, at, O_CLOEXEC) : dup2(fd, at);
	close(fd);
	return r;
}

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "check") == 0) {
		int bad = 0;
		for (int i = 2; i + 2 < argc; i += 3) {
			int fd = atoi(argv[i + 1]), want = atoi(argv[i + 2]);
			int open_now = fcntl(fd, F_GETFD) >= 0;
			printf("  %-28s %s%s\n", argv[i], open_now ? "open" : "closed",
			       open_now == want ? "" : "  <- wrong");
			bad += open_now != want;
		}
		return bad;
	}
	int p[2], q[2], s[2];
	if (pipe(p) < 0 || pipe2(q, O_CLOEXEC) < 0 ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, s) < 0)
		return 1;
	struct fdinfo fds[] = {
		{ "plain open", place(open("/dev/null", O_RDONLY), 20, 0), 1 },
		{ "open O_CLOEXEC", place(open("/dev/null", O_RDONLY | O_CLOEXEC), 21, 1), 0 },
		{ "fcntl FD_CLOEXEC", 22, 0 },
		{ "fcntl flag cleared again", 23, 1 },
		{ "dup3 O_CLOEXEC", place(dup(0), 24, 1), 0 },
		{ "dup2 of a cloexec fd", 25, 1 },
		{ "pipe (plain)", place(p[0], 26, 0), 1 },
		{ "pipe2 O_CLOEXEC", place(q[0], 27, 1), 0 },
		{ "socketpair SOCK_CLOEXEC", place(s[0], 28, 1), 0 },
		{ "epoll_create1 EPOLL_CLOEXEC", place(epoll_create1(EPOLL_CLOEXEC), 29, 1), 0 },
		{ "eventfd EFD_CLOEXEC", place(eventfd(0, EFD_CLOEXEC), 30, 1), 0 },
		{ "F_DUPFD_CLOEXEC", 31, 0 },
	};
	int n = sizeof fds / sizeof fds[0];
	if (place(open("/dev/null", O_RDONLY), 22, 0) < 0 || fcntl(22, F_SETFD, FD_CLOEXEC) < 0)
		return 1;
	if (place(open("/dev/null", O_RDONLY | O_CLOEXEC), 23, 1) < 0 || fcntl(23, F_SETFD, 0) < 0)
		return 1;
	if (dup2(21, 25) < 0) /* dup2 does not copy the flag */
		return 1;
	if (fcntl(20, F_DUPFD_CLOEXEC, 31) != 31)
		return 1;
	char *cargv[3 + 3 * 16];
	char nums[16][2][8];
	int k = 0;
	cargv[k++] = argv[0];
	cargv[k++] = "check";
	for (int i = 0; i < n; i++) {
		snprintf(nums[i][0], 8, "%d", fds[i].fd);
		snprintf(nums[i][1], 8, "%d", fds[i].expect_open);
		cargv[k++] = (char *)fds[i].name;
		cargv[k++] = nums[i][0];
		cargv[k++] = nums[i][1];
	}
	cargv[k] = NULL;
	printf("before exec, all %d fds open: %s\n", n, "yes");
	for (int i = 0; i < n; i++)
		if (fcntl(fds[i].fd, F_GETFD) < 0)
			printf("  %s not open before exec!\n", fds[i].name);
	printf("in the new image:\n");
	fflush(stdout);
	pid_t c = fork();
	if (c == 0) {
		execv("/proc/self/exe", cargv);
		_exit(127);
	}
	int st;
	waitpid(c, &st, 0);
	printf("checker exited %d\n", WEXITSTATUS(st));
	return WEXITSTATUS(st);
}

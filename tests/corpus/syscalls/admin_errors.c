/* Administration calls a program may try and see refused, without
 * changing the machine: acct of a missing file (ENOENT) and of a
 * directory (EISDIR; acct(NULL) would turn accounting off, so it is not
 * called), quotactl of a missing device and quotactl_fd of a file system
 * without quotas (ESRCH), ustat of a device that is none (EINVAL),
 * swapoff of a file that is no swap (EINVAL), delete_module of a module
 * that is not loaded (ENOENT), init_module of an image that is no module
 * (ENOEXEC), and settimeofday with an invalid time (EINVAL).
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
	printf("%-28s %ld %s\n", what, r, r < 0 ? strerrorname_np(errno) : "");
	errno = 0;
}

int main(void)
{
	char buf[128];
	show("acct missing file", syscall(SYS_acct, "/nonexistent/acct"));
	show("acct directory", syscall(SYS_acct, "/tmp"));
	/* QCMD(Q_GETQUOTA, USRQUOTA) and QCMD(Q_GETINFO, USRQUOTA) */
	show("quotactl missing device",
	     syscall(SYS_quotactl, 0x80000700, "/dev/nonexistent", 0, buf));
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	show("quotactl_fd no quotas",
	     syscall(SYS_quotactl_fd, fd, 0x80000500, 0, buf));
	close(fd);
	show("ustat no device", syscall(SYS_ustat, 0xfffffUL, buf));
	show("swapoff not a swap", syscall(SYS_swapoff, "/etc/hostname"));
	show("delete_module not loaded",
	     syscall(SYS_delete_module, "heisen_no_such_module", O_NONBLOCK));
	memset(buf, 0, sizeof buf);
	show("init_module not a module",
	     syscall(SYS_init_module, buf, sizeof buf, ""));
	struct timeval bad = { .tv_sec = 1, .tv_usec = 2000000 };
	show("settimeofday invalid", syscall(SYS_settimeofday, &bad, NULL));
	return 0;
}

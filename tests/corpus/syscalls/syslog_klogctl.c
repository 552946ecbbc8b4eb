/* The kernel log through syslog(2) (glibc's klogctl): the buffer's size
 * (SYSLOG_ACTION_SIZE_BUFFER), a READ_ALL into 16 bytes (it copies at
 * most 16; what, and how much, depends on the log, so only the bound is
 * printed), a READ_ALL of length 0, and the errors of an unknown action
 * and of a negative length.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>

static void show(const char *what, int r)
{
	printf("%-20s %d %s\n", what, r, r < 0 ? strerrorname_np(errno) : "");
}

int main(void)
{
	char buf[16];
	int size = klogctl(10, NULL, 0); /* SYSLOG_ACTION_SIZE_BUFFER */
	printf("buffer size is a power of two: %s\n",
	       size > 0 && (size & (size - 1)) == 0 ? "yes" : "no");
	int r = klogctl(3, buf, sizeof buf);
	printf("read_all 16: at most 16 bytes: %s\n",
	       r >= 0 && r <= 16 ? "yes" : strerrorname_np(errno));
	show("read_all 0", klogctl(3, buf, 0));
	errno = 0;
	show("action 99", klogctl(99, buf, sizeof buf));
	errno = 0;
	show("read_all -1", klogctl(3, buf, -1));
	return 0;
}

/* sysfs(2): the number of file system types the kernel knows (option 3),
 * the name of each by index (option 2, which copies the name with its
 * NUL into the buffer), and back from a name to its index (option 1);
 * an unknown name and an index past the end give EINVAL.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long count = syscall(SYS_sysfs, 3);
	int found_proc = 0, round_trip = 1;
	if (count <= 0 || count > 200) {
		printf("sysfs(3): %ld\n", count);
		return 1;
	}
	for (long i = 0; i < count; i++) {
		char name[256];
		memset(name, 'x', sizeof name);
		if (syscall(SYS_sysfs, 2, (unsigned)i, name) != 0) {
			printf("sysfs(2, %ld) failed: %s\n", i,
			       strerrorname_np(errno));
			return 1;
		}
		if (strcmp(name, "proc") == 0)
			found_proc = 1;
		if (syscall(SYS_sysfs, 1, name) != i)
			round_trip = 0;
		if (i < 3)
			printf("type %ld: %s\n", i, name);
	}
	printf("proc among them: %s; every name maps back to its index: %s\n",
	       found_proc ? "yes" : "no", round_trip ? "yes" : "no");
	errno = 0;
	long r = syscall(SYS_sysfs, 1, "no-such-fs");
	printf("unknown name: %ld %s\n", r, strerrorname_np(errno));
	char name[256];
	errno = 0;
	r = syscall(SYS_sysfs, 2, (unsigned)count + 5, name);
	printf("index past the end: %ld %s\n", r, strerrorname_np(errno));
	return 0;
}

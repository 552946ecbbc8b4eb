/* mount is refused by name: the recording has a mount namespace of its
 * own, and a mount there would change what paths name for the program
 * but not for the recorder, which stores the files the program maps by
 * their paths. The recording stops at the call with heisen's error.
 * corpus: native=any refused="mount (syscall 165)"
 * (native=any: natively the tmpfs mount succeeds, as root) */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

int main(void)
{
	printf("before the mount\n");
	fflush(stdout);
	/* a path that does not exist: natively ENOENT, changing nothing */
	int r = mount("none", "/nonexistent/heisen-mount", "tmpfs", 0, NULL);
	printf("mount: %d %s\n", r, r < 0 ? strerrorname_np(errno) : "");
	return 0;
}

/* process_vm_writev is refused by name: it changes another process's
 * memory behind its back (here its own, the simplest case), which the
 * replay of that process would not see. The recording stops at the call.
 * corpus: native=any refused="process_vm_writev (syscall 311)"
 * (native=any: natively the write succeeds) */
#define _GNU_SOURCE
#include <stdio.h>
#include <sys/uio.h>
#include <unistd.h>

int main(void)
{
	static char target[16] = "untouched";
	char src[] = "written";
	struct iovec l = { src, sizeof src }, r = { target, sizeof src };
	printf("before: %s\n", target);
	fflush(stdout);
	ssize_t n = process_vm_writev(getpid(), &l, 1, &r, 1, 0);
	printf("process_vm_writev: %zd, now: %s\n", n, target);
	return 0;
}

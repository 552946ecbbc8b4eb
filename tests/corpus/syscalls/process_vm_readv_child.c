/* process_vm_readv: a parent reads a child's memory (the child fills a
 * buffer, says where it is through a pipe, and waits), scattered into two
 * local iovecs; a read of itself; a remote range that is partly unmapped
 * gives a short count; a bad local iovec array is EFAULT. Only the local
 * iovecs are written, which is what the recording keeps.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	int where[2], done[2];
	if (pipe(where) < 0 || pipe(done) < 0)
		return 1;
	fflush(stdout);
	pid_t c = fork();
	if (c == 0) {
		static char secret[64];
		snprintf(secret, sizeof secret, "the child's own words, %d", 42);
		void *at = secret;
		char b;
		if (write(where[1], &at, sizeof at) != sizeof at)
			_exit(1);
		_exit(read(done[0], &b, 1) == 1 ? 0 : 1);
	}
	void *remote_at;
	if (read(where[0], &remote_at, sizeof remote_at) != sizeof remote_at)
		return 1;
	char a[10] = "", b[40] = "";
	struct iovec local[2] = { { a, sizeof a - 1 }, { b, sizeof b - 1 } };
	struct iovec remote = { remote_at, 30 };
	ssize_t n = process_vm_readv(c, local, 2, &remote, 1, 0);
	printf("from the child: %zd \"%s\" + \"%s\"\n", n, a, b);
	if (write(done[1], "x", 1) != 1)
		return 1;
	int st;
	waitpid(c, &st, 0);
	printf("child exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);

	static char mine[] = "my own bytes";
	char copy[32] = "";
	struct iovec l1 = { copy, sizeof mine }, r1 = { mine, sizeof mine };
	n = process_vm_readv(getpid(), &l1, 1, &r1, 1, 0);
	printf("from myself: %zd \"%s\"\n", n, copy);

	long page = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		return 1;
	memset(m, 'z', page);
	munmap(m + page, page);
	char big[256];
	struct iovec l2 = { big, sizeof big }, r2 = { m + page - 100, 200 };
	n = process_vm_readv(getpid(), &l2, 1, &r2, 1, 0);
	printf("across the end of a mapping: %zd\n", n);
	errno = 0;
	n = syscall(SYS_process_vm_readv, getpid(), (void *)8, 1, &r1, 1, 0);
	printf("bad local iovecs: %zd %s\n", n, strerrorname_np(errno));
	return 0;
}

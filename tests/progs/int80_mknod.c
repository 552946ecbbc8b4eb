/* A 32-bit syscall made from a 64-bit program: int 0x80 enters the i386
 * table, where number 14 is mknod (in the x86-64 table 14 is
 * rt_sigprocmask, which a replay performs for real).
 *
 * usage: int80_mknod PATH
 * Reads one byte from stdin. On 'y' it creates PATH by the i386 mknod;
 * on anything else it makes the x86-64 syscall 14 with the same
 * arguments instead (rt_sigprocmask, which fails with EINVAL): a replay
 * that compared only the numbers would take one for the other. On 'x' it
 * makes x32's getpid (0x40000000 + 39) instead. Then it prints "done" and
 * exits 0. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static long i386_mknod(const char *path, unsigned mode)
{
	long ret;
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(14L), "b"(path), "c"((long)mode), "d"(0L)
			 : "memory");
	return ret;
}

static long x86_64_syscall(long nr, const char *path, unsigned mode)
{
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(path), "S"((long)mode), "d"(0L)
			 : "rcx", "r11", "memory");
	return ret;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: int80_mknod PATH\n");
		return 2;
	}
	/* the i386 call takes 32-bit pointers: a copy of the path below
	 * 4 GiB, made on both paths so that they differ only in the call */
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (low == MAP_FAILED || strlen(argv[1]) >= 4096)
		return 2;
	strcpy(low, argv[1]);
	char c = 0;
	if (read(0, &c, 1) != 1)
		return 2;
	if (c == 'y')
		i386_mknod(low, S_IFREG | 0644);
	else if (c == 'x')
		x86_64_syscall(0x40000000 + 39, low, 0);
	else
		x86_64_syscall(14, low, S_IFREG | 0644);
	printf("done\n");
	return 0;
}

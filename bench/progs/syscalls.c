/* Syscall-heavy benchmark: N iterations (argv[1], default 5000) of
 * getppid, a 64-byte read of /dev/zero, a 64-byte write to /dev/null and
 * clock_gettime (a real syscall under heisen, which rewrites the vDSO),
 * i.e. 4 syscalls per iteration.  Single-threaded.  Prints a checksum that
 * does not depend on timing (the clock is read but not summed). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 5000;
	int zero = open("/dev/zero", O_RDONLY | O_CLOEXEC);
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (zero < 0 || null < 0 || n < 0) {
		perror("open");
		return 1;
	}
	unsigned char buf[64];
	unsigned long sum = 0;
	long clock_ok = 0;
	for (long i = 0; i < n; i++) {
		struct timespec ts;
		sum += getppid() > 0; /* the pid differs under heisen */
		memset(buf, 0xa5, sizeof buf);
		if (read(zero, buf, sizeof buf) != (ssize_t)sizeof buf)
			return 1;
		for (size_t k = 0; k < sizeof buf; k++)
			sum = sum * 31 + buf[k] + (unsigned long)i;
		buf[0] = (unsigned char)i;
		if (write(null, buf, sizeof buf) != (ssize_t)sizeof buf)
			return 1;
		if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0)
			clock_ok++;
	}
	close(zero);
	close(null);
	printf("syscalls: %ld iterations, %ld syscalls, checksum %016lx, clock ok %ld\n",
	       n, 4 * n, sum, clock_ok);
	return clock_ok == n ? 0 : 1;
}

/* Prints 32 bytes from getrandom() (the C library's, which a newer libc may
 * serve from the vDSO), 16 bytes from the getrandom system call made
 * directly, and 16 bytes read from /dev/urandom, in hex.  Every run prints
 * different bytes. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

static void hex(const char *label, const unsigned char *p, size_t n)
{
	printf("%s:", label);
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

int main(void)
{
	unsigned char buf[32], raw[16], dev[16];
	size_t got = 0;

	while (got < sizeof buf) {
		ssize_t r = getrandom(buf + got, sizeof buf - got, 0);
		if (r < 0) {
			perror("getrandom");
			return 1;
		}
		got += (size_t)r;
	}
	hex("getrandom", buf, sizeof buf);

	got = 0;
	while (got < sizeof raw) {
		long r = syscall(SYS_getrandom, raw + got, sizeof raw - got, 0);
		if (r < 0) {
			perror("SYS_getrandom");
			return 1;
		}
		got += (size_t)r;
	}
	hex("getrandom syscall", raw, sizeof raw);

	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror("/dev/urandom");
		return 1;
	}
	got = 0;
	while (got < sizeof dev) {
		ssize_t r = read(fd, dev + got, sizeof dev - got);
		if (r <= 0) {
			perror("read /dev/urandom");
			return 1;
		}
		got += (size_t)r;
	}
	close(fd);
	hex("urandom", dev, sizeof dev);
	return 0;
}

/* SIGBUS: a 100-byte file (in a mkdtemp directory) mapped MAP_PRIVATE
 * over two pages; touching the second page (wholly beyond the end of the
 * file) raises SIGBUS with BUS_ADRERR; the handler siglongjmps out. The
 * first page reads the file bytes, and zeros past its end.
 * corpus: native=same */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int code;
static void *volatile addr;

static void on_bus(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	code = si->si_code;
	addr = si->si_addr;
	siglongjmp(env, 1);
}

int main(void)
{
	char dir[] = "/tmp/heisen-sigbusXXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[64];
	snprintf(path, sizeof path, "%s/data", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return 1;
	char data[100];
	for (int i = 0; i < 100; i++)
		data[i] = (char)('a' + i % 26);
	if (write(fd, data, sizeof data) != (ssize_t)sizeof data)
		return 1;
	long pg = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, (size_t)(2 * pg), PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		return 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_bus;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGBUS, &sa, NULL);
	printf("byte 0 '%c', byte 99 '%c', byte 100 %d, last of page 1 %d\n", m[0], m[99], m[100], m[pg - 1]);
	int caught = 0;
	for (int i = 0; i < 3; i++) {
		if (sigsetjmp(env, 1) == 0) {
			volatile char c = m[pg + i * 100];
			(void)c;
		} else {
			caught++;
			if (code != BUS_ADRERR || addr != m + pg + i * 100)
				printf("unexpected siginfo\n");
		}
	}
	printf("SIGBUS caught %d times, si_code %s\n", caught, code == BUS_ADRERR ? "BUS_ADRERR" : "other");
	munmap(m, (size_t)(2 * pg));
	close(fd);
	unlink(path);
	rmdir(dir);
	return caught != 3;
}

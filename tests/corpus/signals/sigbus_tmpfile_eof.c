/* SIGBUS on a tmpfile() (an already unlinked file) of 100 bytes mapped
 * MAP_PRIVATE over two pages: the second page lies beyond the end of the
 * file and touching it raises SIGBUS (BUS_ADRERR), caught with siglongjmp.
 * A recorder cannot reopen such a file by name to replay the mapping.
 * corpus: native=same */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile int code;

static void on_bus(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	code = si->si_code;
	siglongjmp(env, 1);
}

int main(void)
{
	FILE *f = tmpfile();
	if (!f)
		return 1;
	for (int i = 0; i < 100; i++)
		fputc('A' + i % 26, f);
	fflush(f);
	int fd = fileno(f);
	long pg = sysconf(_SC_PAGESIZE);
	char *m = mmap(NULL, (size_t)(2 * pg), PROT_READ, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		return 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_bus;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGBUS, &sa, NULL);
	printf("byte 0 '%c', byte 99 '%c', byte 100 %d\n", m[0], m[99], m[100]);
	volatile int caught = 0;
	if (sigsetjmp(env, 1) == 0) {
		volatile char c = m[pg + 1];
		(void)c;
	} else {
		caught = 1;
	}
	printf("SIGBUS beyond the end of the file: %s, si_code %s\n", caught ? "caught" : "not raised",
	       code == BUS_ADRERR ? "BUS_ADRERR" : "other");
	munmap(m, (size_t)(2 * pg));
	fclose(f);
	return !caught;
}

/* Lazy access control as garbage collectors and DSM systems do it: 16
 * PROT_NONE pages are touched in turn; each first touch faults, the SIGSEGV
 * handler mprotects that page read-write and returns, and the faulting
 * instruction is re-executed successfully.
 * corpus: native=same */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

enum { PAGES = 16 };
static char *region;
static long pagesz;
static volatile int faults;
static int page_faulted[PAGES];

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	char *a = si->si_addr;
	if (a < region || a >= region + PAGES * pagesz)
		_exit(99);
	long pg = (a - region) / pagesz;
	page_faulted[pg]++;
	faults++;
	mprotect(region + pg * pagesz, (size_t)pagesz, PROT_READ | PROT_WRITE);
}

int main(void)
{
	pagesz = sysconf(_SC_PAGESIZE);
	region = mmap(NULL, (size_t)(PAGES * pagesz), PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED)
		return 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	long sum = 0;
	for (int round = 0; round < 3; round++)
		for (int pg = 0; pg < PAGES; pg++) {
			volatile long *p = (volatile long *)(region + pg * pagesz + 8 * pg);
			*p += pg + round;
			sum += *p;
		}
	printf("%d faults, sum %ld, pages faulted once each:", faults, sum);
	int ok = 1;
	for (int pg = 0; pg < PAGES; pg++) {
		printf(" %d", page_faulted[pg]);
		ok &= page_faulted[pg] == 1;
	}
	printf("\n");
	munmap(region, (size_t)(PAGES * pagesz));
	return !(ok && faults == PAGES);
}

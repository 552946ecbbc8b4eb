/* A signal arrives in code on an mmap'd page; the handler makes that page
 * PROT_NONE, so the sigreturn resumes at an address that faults on
 * instruction fetch; the SIGSEGV handler makes it executable again and the
 * code goes on. The signal comes from a raw tgkill syscall on that page.
 * corpus: native=same */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned char *page;
static volatile int usr1_hits, segv_hits, fetch_fault;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_hits++;
	mprotect(page, 4096, PROT_NONE);
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	segv_hits++;
	unsigned char *a = si->si_addr;
	if (a < page || a >= page + 4096)
		_exit(99);
	fetch_fault += a > page;   /* the fault is at the instruction after the syscall */
	mprotect(page, 4096, PROT_READ | PROT_EXEC);
}

int main(void)
{
	/* long f(nr, a, b, c) { return syscall(nr, a, b, c), 42 + the syscall's result } */
	static const unsigned char code[] = {
		0x48, 0x89, 0xf8,             /* mov %rdi,%rax */
		0x48, 0x89, 0xf7,             /* mov %rsi,%rdi */
		0x48, 0x89, 0xd6,             /* mov %rdx,%rsi */
		0x48, 0x89, 0xca,             /* mov %rcx,%rdx */
		0x0f, 0x05,                   /* syscall */
		0x48, 0x83, 0xc0, 0x2a,       /* add $42,%rax */
		0xc3,                         /* ret */
	};
	page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (page == MAP_FAILED)
		return 1;
	memcpy(page, code, sizeof code);
	mprotect(page, 4096, PROT_READ | PROT_EXEC);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	long (*f)(long, long, long, long) = (long (*)(long, long, long, long))(uintptr_t)page;
	long results = 0;
	for (int i = 0; i < 4; i++)
		results += f(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
	printf("usr1 %d, segv %d (at the return address %d), results %ld\n", usr1_hits, segv_hits,
	       fetch_fault, results);
	munmap(page, 4096);
	return !(usr1_hits == 4 && segv_hits == 4 && fetch_fault == 4 && results == 4 * 42);
}

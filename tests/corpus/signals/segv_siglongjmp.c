/* SIGSEGV from reading NULL, writing a read-only page and jumping to an
 * unmapped address; the handler checks si_code (SEGV_MAPERR/SEGV_ACCERR)
 * and si_addr, then siglongjmps back (restoring the signal mask, so the
 * next fault is caught too).
 * corpus: native=same */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static sigjmp_buf env;
static void *volatile want_addr;
static volatile int code_seen, addr_ok;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	code_seen = si->si_code;
	addr_ok = si->si_addr == want_addr;
	siglongjmp(env, 1);
}

static const char *code_name(int c)
{
	return c == SEGV_MAPERR ? "SEGV_MAPERR" : c == SEGV_ACCERR ? "SEGV_ACCERR" : "other";
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro == MAP_FAILED)
		return 1;
	volatile int bad = 0;
	for (volatile int kind = 0; kind < 3; kind++) {
		code_seen = 0;
		if (sigsetjmp(env, 1) == 0) {
			if (kind == 0) {
				want_addr = (void *)8;
				volatile int *p = (volatile int *)want_addr;
				(void)*p;
			} else if (kind == 1) {
				want_addr = ro + 100;
				*(volatile char *)want_addr = 1;
			} else {
				want_addr = (void *)0x10000;
				void (*f)(void) = (void (*)(void))(uintptr_t)want_addr;
				f();
			}
			printf("kind %d: no fault\n", kind);
			bad = 1;
		} else {
			const char *what[] = { "read NULL+8", "write read-only page", "call unmapped" };
			printf("%s: caught, %s, si_addr right: %s\n", what[kind], code_name(code_seen),
			       addr_ok ? "yes" : "no");
			bad |= !addr_ok;
		}
	}
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	printf("SIGSEGV blocked after the jumps: %d\n", sigismember(&now, SIGSEGV));
	munmap(ro, 4096);
	return bad;
}

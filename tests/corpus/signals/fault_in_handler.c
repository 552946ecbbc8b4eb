/* A handler that itself faults: the SIGUSR1 handler dereferences a bad
 * pointer; the SIGSEGV handler (another signal, not blocked) runs on top
 * of it and siglongjmps out of both frames back to main. Three times; the
 * mask is checked afterwards (SIGUSR1 must not stay blocked).
 * corpus: native=same */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;
static volatile int *volatile bad_ptr = (volatile int *)16;
static volatile int usr1_entered, segv_hits, depth, depth_at_segv;

static void on_segv(int sig)
{
	(void)sig;
	segv_hits++;
	depth_at_segv = depth;
	siglongjmp(env, 1);
}

static void on_usr1(int sig)
{
	(void)sig;
	usr1_entered++;
	depth++;
	*bad_ptr = 1;
	depth--;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_segv;
	sigaction(SIGSEGV, &sa, NULL);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	for (volatile int i = 0; i < 3; i++) {
		depth = 0;
		if (sigsetjmp(env, 1) == 0) {
			raise(SIGUSR1);
			printf("round %d: handler returned normally?\n", i);
			return 1;
		}
		sigset_t now;
		sigprocmask(SIG_BLOCK, NULL, &now);
		printf("round %d: SIGSEGV caught inside the SIGUSR1 handler (depth %d); "
		       "blocked now: SIGUSR1 %d SIGSEGV %d\n", i, depth_at_segv,
		       sigismember(&now, SIGUSR1), sigismember(&now, SIGSEGV));
	}
	return !(usr1_entered == 3 && segv_hits == 3);
}

/* sigaltstack with SA_ONSTACK: the handler runs on the alternate stack
 * (a local's address lies inside it, sigaltstack reports SS_ONSTACK, and a
 * second sigaltstack change fails with EPERM while on it); a handler
 * installed without SA_ONSTACK runs on the normal stack.
 * corpus: native=same */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *alt;
static size_t altsize;
static volatile int on_alt[2], ss_onstack[2], eperm[2];

static void handler(int sig)
{
	int i = sig == SIGUSR1 ? 0 : 1;
	char local;
	uintptr_t a = (uintptr_t)&local;
	on_alt[i] = a >= (uintptr_t)alt && a < (uintptr_t)alt + altsize;
	stack_t cur;
	sigaltstack(NULL, &cur);
	ss_onstack[i] = (cur.ss_flags & SS_ONSTACK) != 0;
	stack_t other = { .ss_sp = alt, .ss_size = altsize, .ss_flags = 0 };
	eperm[i] = sigaltstack(&other, NULL) < 0 && errno == EPERM;
}

int main(void)
{
	altsize = SIGSTKSZ * 4;
	alt = malloc(altsize);
	stack_t ss = { .ss_sp = alt, .ss_size = altsize, .ss_flags = 0 };
	if (!alt || sigaltstack(&ss, NULL)) {
		perror("sigaltstack");
		return 1;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, NULL);
	raise(SIGUSR1);
	raise(SIGUSR2);
	stack_t after;
	sigaltstack(NULL, &after);
	printf("SA_ONSTACK handler: on alt stack %d, SS_ONSTACK %d, change refused with EPERM %d\n",
	       on_alt[0], ss_onstack[0], eperm[0]);
	printf("plain handler:      on alt stack %d, SS_ONSTACK %d, change refused with EPERM %d\n",
	       on_alt[1], ss_onstack[1], eperm[1]);
	printf("after: SS_ONSTACK %d, SS_DISABLE %d\n", (after.ss_flags & SS_ONSTACK) != 0,
	       (after.ss_flags & SS_DISABLE) != 0);
	stack_t off = { .ss_flags = SS_DISABLE };
	sigaltstack(&off, NULL);
	sigaltstack(NULL, &after);
	printf("disabled: SS_DISABLE %d\n", (after.ss_flags & SS_DISABLE) != 0);
	free(alt);
	return !(on_alt[0] && ss_onstack[0] && eperm[0] && !on_alt[1] && !ss_onstack[1]);
}

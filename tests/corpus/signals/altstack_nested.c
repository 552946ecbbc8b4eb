/* Nested handlers on one alternate stack: the SIGUSR1 handler (on the
 * altstack) raises SIGUSR2, also SA_ONSTACK; as the thread is already on
 * the altstack, the kernel puts the second frame below the first on the
 * same stack rather than at its top. Both frames' locations are checked.
 * corpus: native=same */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *alt;
static size_t altsize;
static volatile uintptr_t at1, at2;

static int on_alt(uintptr_t a)
{
	return a >= (uintptr_t)alt && a < (uintptr_t)alt + altsize;
}

static void on_usr2(int sig)
{
	(void)sig;
	char local;
	at2 = (uintptr_t)&local;
}

static void on_usr1(int sig)
{
	(void)sig;
	char local;
	at1 = (uintptr_t)&local;
	raise(SIGUSR2);
}

int main(void)
{
	altsize = 64 * 1024;
	alt = malloc(altsize);
	stack_t ss = { .ss_sp = alt, .ss_size = altsize, .ss_flags = 0 };
	if (!alt || sigaltstack(&ss, NULL))
		return 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_flags = SA_ONSTACK;
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
	for (int i = 0; i < 3; i++) {
		at1 = at2 = 0;
		raise(SIGUSR1);
		printf("round %d: outer on altstack %d, inner on altstack %d, inner below outer %d\n", i,
		       on_alt(at1), on_alt(at2), at2 < at1);
		if (!(on_alt(at1) && on_alt(at2) && at2 < at1))
			return 1;
	}
	free(alt);
	return 0;
}

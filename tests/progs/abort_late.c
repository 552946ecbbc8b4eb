/* Moves a global through stages, takes a SIGUSR1 on the way, then aborts.
 * The gdb tests stop at both signals (the threads still alive at the
 * SIGABRT), go back from there to the writes before it, and see the
 * program end by that signal; told to pass SIGUSR1, gdb never sees it. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

volatile int stage;
static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

int main(void)
{
	signal(SIGUSR1, on_usr1);
	stage = 1;
	raise(SIGUSR1);
	stage = 2 + got_usr1;
	printf("stage %d\n", stage);
	fflush(stdout);
	abort();
}

/* signal() installs a handler (BSD semantics in glibc: it stays installed,
 * SA_RESTART); raise() delivers SIGUSR1 five times synchronously. The
 * recorder must deliver each signal at the same point in replay.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static volatile sig_atomic_t count;

static void on_usr1(int sig)
{
	if (sig == SIGUSR1)
		count++;
}

int main(void)
{
	if (signal(SIGUSR1, on_usr1) == SIG_ERR) {
		perror("signal");
		return 1;
	}
	for (int i = 0; i < 5; i++) {
		raise(SIGUSR1);
		printf("after raise %d: count=%d\n", i, (int)count);
	}
	if (count != 5) {
		fprintf(stderr, "handler ran %d times, expected 5\n", (int)count);
		return 1;
	}
	struct sigaction old;
	sigaction(SIGUSR1, NULL, &old);
	printf("still installed: %s, SA_RESTART: %s\n",
	       old.sa_handler == on_usr1 ? "yes" : "no",
	       (old.sa_flags & SA_RESTART) ? "yes" : "no");
	return 0;
}

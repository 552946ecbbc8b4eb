/* Nested delivery of two different signals: the SIGUSR1 handler sends
 * SIGUSR2 (not blocked), whose handler runs on top of it, and that one sends
 * SIGHUP; three frames deep. The order of entries and exits is checked.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char order[128];
static volatile int olen;

static void add(const char *s)
{
	size_t n = strlen(s);
	memcpy(order + olen, s, n);
	olen += (int)n;
}

static void handler(int sig)
{
	if (sig == SIGUSR1) {
		add("[usr1 ");
		kill(getpid(), SIGUSR2);
		add("usr1] ");
	} else if (sig == SIGUSR2) {
		add("[usr2 ");
		kill(getpid(), SIGHUP);
		add("usr2] ");
	} else {
		add("[hup] ");
	}
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	for (int i = 0; i < 2; i++) {
		olen = 0;
		memset(order, 0, sizeof order);
		kill(getpid(), SIGUSR1);
		printf("round %d: %s\n", i, order);
		if (strcmp(order, "[usr1 [usr2 [hup] usr2] usr1] ") != 0) {
			fprintf(stderr, "unexpected nesting\n");
			return 1;
		}
	}
	return 0;
}

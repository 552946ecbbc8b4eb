/* sigaction with a plain handler for two signals; each is raised a few
 * times and the handler logs the signal numbers in order. The log must
 * come out in the same order on replay.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static int log_sigs[16];
static volatile sig_atomic_t nlog;

static void handler(int sig)
{
	if (nlog < 16)
		log_sigs[nlog++] = sig;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) || sigaction(SIGHUP, &sa, NULL)) {
		perror("sigaction");
		return 1;
	}
	int order[] = { SIGUSR1, SIGHUP, SIGHUP, SIGUSR1, SIGUSR1, SIGHUP };
	for (unsigned i = 0; i < sizeof order / sizeof order[0]; i++)
		raise(order[i]);
	for (int i = 0; i < nlog; i++)
		printf("%d: %s\n", i, log_sigs[i] == SIGUSR1 ? "SIGUSR1" : log_sigs[i] == SIGHUP ? "SIGHUP" : "?");
	if (nlog != 6) {
		fprintf(stderr, "handler ran %d times, expected 6\n", (int)nlog);
		return 1;
	}
	for (unsigned i = 0; i < 6; i++)
		if (log_sigs[i] != order[i]) {
			fprintf(stderr, "entry %u: got %d expected %d\n", i, log_sigs[i], order[i]);
			return 1;
		}
	return 0;
}

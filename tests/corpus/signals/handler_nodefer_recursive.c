/* SA_NODEFER: the handler raises its own signal again, which is delivered
 * at once, recursively, nesting five frames deep on the stack. Without
 * SA_NODEFER it would be deferred; the nesting depth order is printed.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile int depth, maxdepth, calls;
static char trace[128];
static volatile int tlen;

static void add(char c)
{
	if (tlen < (int)sizeof trace - 1)
		trace[tlen++] = c;
}

static void handler(int sig)
{
	(void)sig;
	depth++;
	calls++;
	if (depth > maxdepth)
		maxdepth = depth;
	add('0' + depth);
	if (depth < 5 && calls < 5)
		raise(SIGUSR1);
	add('a' - 1 + depth);
	depth--;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("nodefer: max depth %d, trace %s\n", maxdepth, trace);

	/* Now without SA_NODEFER: the raise inside is deferred to after return. */
	tlen = 0;
	memset(trace, 0, sizeof trace);
	maxdepth = 0;
	calls = 0;
	sa.sa_flags = 0;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	printf("deferred: max depth %d, trace %s\n", maxdepth, trace);
	if (maxdepth != 1) {
		fprintf(stderr, "without SA_NODEFER the handler nested\n");
		return 1;
	}
	return 0;
}

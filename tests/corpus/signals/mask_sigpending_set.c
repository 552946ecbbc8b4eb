/* sigpending with six blocked signals raised in a scrambled order, then
 * unblocked at once. The kernel picks them lowest number first; with a
 * full sa_mask the handlers run one after the other in that order, with an
 * empty sa_mask every delivery stacks a frame on the previous one, so the
 * handlers run highest first. Both orders are printed.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static int order[16];
static volatile int n;
static const int sigs[] = { SIGTERM, SIGHUP, SIGUSR2, SIGINT, SIGUSR1, SIGQUIT };

static void handler(int sig)
{
	if (n < 16)
		order[n++] = sig;
}

static int round_with(int full_mask)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	if (full_mask)
		sigfillset(&sa.sa_mask);
	else
		sigemptyset(&sa.sa_mask);
	sigset_t all;
	sigemptyset(&all);
	for (int i = 0; i < 6; i++) {
		sigaction(sigs[i], &sa, NULL);
		sigaddset(&all, sigs[i]);
	}
	sigprocmask(SIG_BLOCK, &all, NULL);
	for (int i = 0; i < 6; i++)
		raise(sigs[i]);
	sigset_t pend;
	sigpending(&pend);
	printf("%s sa_mask: pending:", full_mask ? "full " : "empty");
	for (int s = 1; s < 32; s++)
		if (sigismember(&pend, s))
			printf(" %d", s);
	n = 0;
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	printf("; handlers ran:");
	for (int i = 0; i < n; i++)
		printf(" %d", order[i]);
	printf("\n");
	if (n != 6)
		return 1;
	for (int i = 1; i < n; i++)
		if (full_mask ? order[i] < order[i - 1] : order[i] > order[i - 1])
			return 1;
	return 0;
}

int main(void)
{
	int bad = round_with(1);
	bad |= round_with(0);
	if (bad)
		fprintf(stderr, "unexpected delivery order\n");
	return bad;
}

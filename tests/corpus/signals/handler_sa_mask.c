/* sa_mask: while the SIGUSR1 handler runs, SIGUSR2 (in its sa_mask) is
 * blocked; the handler raises SIGUSR2, sees it pending, and it is delivered
 * only when the handler returns (sigreturn restores the mask).
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char order[64];
static volatile int olen;
static volatile int pending_in_handler = -1, blocked_in_handler = -1;

static void add(const char *s)
{
	size_t n = strlen(s);
	memcpy(order + olen, s, n);
	olen += (int)n;
}

static void on_usr1(int sig)
{
	(void)sig;
	add("usr1-start ");
	raise(SIGUSR2);
	sigset_t p, cur;
	sigpending(&p);
	sigprocmask(SIG_BLOCK, NULL, &cur);
	pending_in_handler = sigismember(&p, SIGUSR2);
	blocked_in_handler = sigismember(&cur, SIGUSR2);
	add("usr1-end ");
}

static void on_usr2(int sig)
{
	(void)sig;
	add("usr2 ");
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, NULL);
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	add("main");
	printf("order: %s\n", order);
	printf("in handler: SIGUSR2 pending=%d blocked=%d\n", pending_in_handler, blocked_in_handler);
	sigset_t cur;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	printf("after return: SIGUSR2 blocked=%d\n", sigismember(&cur, SIGUSR2));
	return strcmp(order, "usr1-start usr1-end usr2 main") != 0;
}

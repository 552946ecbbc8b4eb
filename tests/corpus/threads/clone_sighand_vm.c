/* clone(CLONE_SIGHAND|CLONE_VM|SIGCHLD): a separate process sharing our
 * memory and signal handler table: the handler it installs and the
 * SIG_IGN it sets are ours once it exits, and our raise() runs its handler.
 * corpus: native=same */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[64 * 1024] __attribute__((aligned(16)));
static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

static int child(void *arg)
{
	(void)arg;
	struct sigaction sa = { .sa_handler = handler };
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0)
		return 1;
	signal(SIGUSR2, SIG_IGN);
	raise(SIGUSR1); /* goes to the child; the handler runs in our memory */
	return 0;
}

int main(void)
{
	int pid = clone(child, stack + sizeof stack, CLONE_SIGHAND | CLONE_VM | SIGCHLD, NULL);
	if (pid < 0) {
		perror("clone");
		return 1;
	}
	int st;
	if (waitpid(pid, &st, 0) != pid)
		return 1;
	struct sigaction old1, old2;
	sigaction(SIGUSR1, NULL, &old1);
	sigaction(SIGUSR2, NULL, &old2);
	printf("child exited %d, its handler ran %d time(s)\n", WEXITSTATUS(st), (int)hits);
	printf("handler it installed is ours: %s\n", old1.sa_handler == handler ? "yes" : "no");
	printf("SIG_IGN it set is ours: %s\n", old2.sa_handler == SIG_IGN ? "yes" : "no");
	raise(SIGUSR1);
	raise(SIGUSR2);
	printf("after our raise, handler ran %d time(s) in all\n", (int)hits);
	return hits != 2;
}

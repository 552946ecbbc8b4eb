/* A child cloned with SIGUSR1 as its exit signal (a "clone" child):
 * waitpid without __WCLONE does not see it (ECHILD), SIGUSR1 (not
 * SIGCHLD) reaches us at its exit, __WCLONE and __WALL reap such children.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[64 * 1024] __attribute__((aligned(16)));
static volatile sig_atomic_t usr1, chld;
static int p[2];

static void on_usr1(int s) { (void)s; usr1++; }
static void on_chld(int s) { (void)s; chld++; }

static int child(void *arg)
{
	char c;
	if (read(p[0], &c, 1) != 1)
		return 1;
	return (int)(long)arg;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	if (pipe(p) < 0)
		return 1;
	int pid = clone(child, stack + sizeof stack, SIGUSR1, (void *)12L);
	if (pid < 0)
		return 1;
	int st;
	errno = 0;
	pid_t r = waitpid(pid, &st, WNOHANG);
	printf("waitpid without __WCLONE: %s\n", r < 0 && errno == ECHILD ? "ECHILD" : "other");
	if (write(p[1], "g", 1) != 1)
		return 1;
	r = waitpid(pid, &st, __WCLONE);
	printf("waitpid(__WCLONE): reaped it: %s, exit %d\n", r == pid ? "yes" : "no",
	       WEXITSTATUS(st));
	printf("signals at its exit: SIGUSR1 %d, SIGCHLD %d\n", (int)usr1, (int)chld);

	int pid2 = clone(child, stack + sizeof stack, SIGUSR1, (void *)13L);
	if (pid2 < 0 || write(p[1], "g", 1) != 1)
		return 1;
	pid_t r2 = waitpid(-1, &st, __WALL);
	printf("waitpid(-1, __WALL): reaped it: %s, exit %d\n", r2 == pid2 ? "yes" : "no",
	       WEXITSTATUS(st));
	printf("SIGUSR1 count now %d\n", (int)usr1);
	return !(r == pid && r2 == pid2 && usr1 == 2 && chld == 0);
}

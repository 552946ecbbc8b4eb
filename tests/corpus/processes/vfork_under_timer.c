/* vfork and posix_spawn while a fast interval timer (100 us) keeps
 * signalling the parent: a signal that comes as the kernel makes the child
 * makes it give up and restart the call (ERESTARTNOINTR), so some calls
 * are made twice, with no child the first time. 200 vforks whose children
 * _exit at once, 100 posix_spawns of /bin/true; the sum of the exit
 * statuses is printed, the tick count is not.
 * corpus: native=same */
#define _GNU_SOURCE
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static volatile sig_atomic_t ticks;

static void on_tick(int sig)
{
	(void)sig;
	ticks++;
}

/* One vfork whose child exits with code at once: its wait status. (In a
 * function of its own: nothing of the caller's is live across vfork.) */
static int vfork_exit(int code)
{
	pid_t pid = vfork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(code);
	int st;
	while (waitpid(pid, &st, 0) < 0)
		;
	return st;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_tick;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = {{0, 100}, {0, 100}};
	setitimer(ITIMER_REAL, &it, NULL);
	long sum = 0;
	for (int i = 0; i < 200; i++) {
		int st = vfork_exit(i % 7);
		if (st < 0)
			return 1;
		sum += WEXITSTATUS(st);
	}
	printf("vfork: 200 children, statuses sum to %ld\n", sum);
	int spawned = 0;
	for (int i = 0; i < 100; i++) {
		char *argv[] = {"true", NULL};
		pid_t pid;
		if (posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ) != 0)
			continue;
		int st;
		while (waitpid(pid, &st, 0) < 0)
			;
		spawned += WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	printf("posix_spawn: %d of 100 children exited 0\n", spawned);
	it = (struct itimerval){{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &it, NULL);
	return 0;
}

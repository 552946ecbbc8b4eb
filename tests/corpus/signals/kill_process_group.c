/* kill(0, SIGUSR1) signals the caller's whole process group: the program
 * makes itself a group leader, forks two children (which install a
 * handler and say they are ready), signals the group, and each process
 * (parent included) reports that its handler ran.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
}

int main(void)
{
	setpgid(0, 0);   /* fails harmlessly (EPERM) if already a session leader */
	if (getpgrp() != getpid()) {
		fprintf(stderr, "not a process group leader\n");
		return 1;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	int ready[2];
	if (pipe(ready))
		return 1;
	pid_t kids[2];
	fflush(stdout);
	for (int i = 0; i < 2; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			write(ready[1], "r", 1);
			sigsuspend(&old);   /* wait for the group signal */
			_exit(hits == 1 ? 20 + i : 1);
		}
	}
	for (int i = 0; i < 2; i++) {
		char c;
		read(ready[0], &c, 1);
	}
	kill(0, SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("parent handler ran %d time(s)\n", (int)hits);
	int bad = hits != 1;
	for (int i = 0; i < 2; i++) {
		int st;
		waitpid(kids[i], &st, 0);
		printf("child %d exited %d\n", i, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		bad |= !WIFEXITED(st) || WEXITSTATUS(st) != 20 + i;
	}
	return bad;
}

/* A child becomes leader of a new process group (setpgid) and forks two
 * grandchildren into it; the top process signals that group with killpg:
 * SIGTERM, caught by all three, then SIGUSR2, which kills the grandchildren
 * (default action) while the leader has it blocked and reaps them. The top
 * process, outside the group, is not hit.
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
	int ready[2];
	if (pipe(ready))
		return 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);   /* the top process would survive it anyway */
	fflush(stdout);
	pid_t leader = fork();
	if (leader == 0) {
		setpgid(0, 0);
		signal(SIGUSR2, SIG_DFL);
		sigset_t set, old, usr2;
		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGUSR2);
		sigprocmask(SIG_BLOCK, &set, &old);
		sigemptyset(&usr2);
		sigaddset(&usr2, SIGUSR2);
		pid_t g[2];
		for (int i = 0; i < 2; i++) {
			g[i] = fork();
			if (g[i] == 0) {
				write(ready[1], "g", 1);
				sigsuspend(&old);      /* SIGTERM: handler */
				write(ready[1], hits == 1 ? "t" : "?", 1);
				sigprocmask(SIG_UNBLOCK, &usr2, NULL);
				for (int i = 0; i < 1000; i++)
					pause();       /* SIGUSR2: killed */
				_exit(1);
			}
		}
		write(ready[1], "l", 1);
		sigsuspend(&old);
		write(ready[1], hits == 1 ? "t" : "?", 1);
		int dead = 0;
		for (int i = 0; i < 2; i++) {
			int st;
			waitpid(g[i], &st, 0);
			dead += WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR2;
		}
		_exit(30 + dead);
	}
	setpgid(leader, leader);
	char c;
	for (int i = 0; i < 3; i++)
		read(ready[0], &c, 1);
	killpg(leader, SIGTERM);
	int caught = 0;
	for (int i = 0; i < 3; i++) {
		read(ready[0], &c, 1);
		caught += c == 't';
	}
	printf("SIGTERM caught in the group: %d of 3; top process hit: %d\n", caught, (int)hits);
	killpg(leader, SIGUSR2);
	int st;
	waitpid(leader, &st, 0);
	if (WIFEXITED(st))
		printf("leader exited %d (30 + grandchildren killed by SIGUSR2)\n", WEXITSTATUS(st));
	else
		printf("leader killed by signal %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : -1);
	return !(caught == 3 && hits == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 32);
}

/* The program signals its own process group and its parent, as a test
 * harness or a shell script may: kill(0, SIGTERM) reaches it and its
 * child (both catch it), kill(getppid(), SIGTERM) reaches its parent
 * (outside the program under heisen: the namespace's init, which ignores
 * it), and kill(0, SIGABRT) with SIGABRT ignored. The recorder, which is
 * in none of these, must not be hit. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_term(int sig)
{
	(void)sig;
	got = 1;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGABRT, SIG_IGN);
	int ready[2], done[2];
	if (pipe(ready) || pipe(done))
		return 1;
	pid_t c = fork();
	if (c == 0) {
		char b;
		close(ready[0]);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		while (!got && read(done[0], &b, 1) < 0)
			; /* the SIGTERM interrupts the read */
		printf("child: got SIGTERM from the group: %s\n", got ? "yes" : "no");
		fflush(stdout);
		_exit(0);
	}
	char b;
	if (read(ready[0], &b, 1) != 1)
		return 1;
	int r0 = kill(0, SIGTERM);
	while (!got)
		pause();
	printf("kill(0, SIGTERM) = %d, parent got it: yes\n", r0);
	int st;
	waitpid(c, &st, 0);
	printf("child exited %d\n", WEXITSTATUS(st));
	printf("kill(getppid(), SIGTERM) = %d\n", kill(getppid(), SIGTERM));
	printf("kill(0, SIGABRT) = %d, still here\n", kill(0, SIGABRT));
	return 0;
}

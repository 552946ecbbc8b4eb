/* SIGTSTP caught by a child's handler (which reports it), then the child
 * restores the default action and raises SIGTSTP itself, stopping; the
 * parent sees the stop (WSTOPSIG SIGTSTP), continues it, and the handler
 * for SIGCONT runs. The child has its own process group so the stop is
 * not discarded as for an orphaned group.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int rep[2];

static void on_tstp(int sig)
{
	(void)sig;
	write(rep[1], "T", 1);
}

static void on_cont(int sig)
{
	(void)sig;
	write(rep[1], "C", 1);
}

int main(void)
{
	int go[2];
	if (pipe(rep) || pipe(go))
		return 1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_tstp;
		sa.sa_flags = SA_RESTART;
		sigaction(SIGTSTP, &sa, NULL);
		sa.sa_handler = on_cont;
		sigaction(SIGCONT, &sa, NULL);
		write(rep[1], "R", 1);
		char c;
		read(go[0], &c, 1);     /* the parent sends SIGTSTP, then says go */
		signal(SIGTSTP, SIG_DFL);
		raise(SIGTSTP);         /* stops here until SIGCONT */
		write(rep[1], "E", 1);
		_exit(6);
	}
	setpgid(pid, pid);
	char c;
	read(rep[0], &c, 1);
	printf("child ready: %c\n", c);
	kill(pid, SIGTSTP);
	read(rep[0], &c, 1);
	printf("handler reported: %c\n", c);
	write(go[1], "g", 1);
	int st;
	pid_t r = waitpid(pid, &st, WUNTRACED);
	int stopped = r == pid && WIFSTOPPED(st);
	printf("child stopped: %s by %s\n", stopped ? "yes" : "no",
	       stopped && WSTOPSIG(st) == SIGTSTP ? "SIGTSTP" : "?");
	kill(pid, SIGCONT);
	read(rep[0], &c, 1);
	printf("after SIGCONT: %c", c);
	read(rep[0], &c, 1);
	printf(" %c\n", c);
	waitpid(pid, &st, 0);
	printf("child exited %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return !stopped || !WIFEXITED(st) || WEXITSTATUS(st) != 6;
}

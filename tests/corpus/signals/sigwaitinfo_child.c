/* sigwaitinfo: a child sigqueues SIGRTMIN+3 with values 11..55 and sends
 * SIGUSR1; the parent reaps it, then takes the six pending signals with
 * sigwaitinfo (lowest number first, rt ones in queue order), checking
 * si_code, si_value and that si_pid is the child (compared, not printed).
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 3);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid_t parent = getpid();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 1; i <= 5; i++) {
			union sigval v = { .sival_int = i * 11 };
			sigqueue(parent, SIGRTMIN + 3, v);
		}
		kill(parent, SIGUSR1);
		_exit(0);
	}
	/* all six are pending once the child has exited: the order is the kernel's */
	int st;
	waitpid(pid, &st, 0);
	int bad = 0;
	for (int i = 0; i < 6; i++) {
		siginfo_t si;
		int s = sigwaitinfo(&set, &si);
		if (s == SIGUSR1)
			printf("SIGUSR1 code=%s from child=%s\n", si.si_code == SI_USER ? "SI_USER" : "other",
			       si.si_pid == pid ? "yes" : "no");
		else if (s == SIGRTMIN + 3)
			printf("SIGRTMIN+3 code=%s value=%d from child=%s\n",
			       si.si_code == SI_QUEUE ? "SI_QUEUE" : "other", si.si_value.sival_int,
			       si.si_pid == pid ? "yes" : "no");
		else
			bad = 1;
		if (si.si_pid != pid)
			bad = 1;
	}
	return bad;
}

/* SIGCHLD through a signalfd, as event loops do: five children exit with
 * different statuses; each SIGCHLD record is read from the signalfd and
 * the children are reaped with waitpid(WNOHANG) until none is left. The
 * sorted exit statuses are printed.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int main(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	int sfd = signalfd(-1, &set, SFD_CLOEXEC);
	if (sfd < 0)
		return 1;
	fflush(stdout);
	for (int i = 0; i < 5; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(10 + i);
	}
	int statuses[5], reaped = 0, records = 0;
	while (reaped < 5 && records < 50) {
		struct signalfd_siginfo si;
		if (read(sfd, &si, sizeof si) != sizeof si)
			break;
		records++;
		int st;
		pid_t p;
		while ((p = waitpid(-1, &st, WNOHANG)) > 0)
			statuses[reaped++] = WEXITSTATUS(st);
	}
	qsort(statuses, (size_t)reaped, sizeof statuses[0], cmp);
	printf("reaped %d children, statuses:", reaped);
	for (int i = 0; i < reaped; i++)
		printf(" %d", statuses[i]);
	printf("\n");
	close(sfd);
	return reaped != 5;
}

/* Standard and real-time signals pending together: the kernel dequeues
 * the lowest number first, so SIGHUP/SIGUSR1/SIGUSR2 (each once, though
 * sent twice) come before the queued rt signals (each instance). A child
 * sends them all to its blocked parent, which then unblocks.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char log_buf[512];
static volatile int loglen;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig >= SIGRTMIN)
		loglen += snprintf(log_buf + loglen, sizeof log_buf - (size_t)loglen, " RTMIN+%d(%d)",
				   sig - SIGRTMIN, si->si_value.sival_int);
	else
		loglen += snprintf(log_buf + loglen, sizeof log_buf - (size_t)loglen, " %d", sig);
}

int main(void)
{
	int std[] = { SIGUSR2, SIGHUP, SIGUSR1 };
	int rt[] = { 3, 1, 3 };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigfillset(&sa.sa_mask);
	sigset_t set;
	sigemptyset(&set);
	for (int i = 0; i < 3; i++) {
		sigaction(std[i], &sa, NULL);
		sigaddset(&set, std[i]);
		sigaction(SIGRTMIN + rt[i], &sa, NULL);
		sigaddset(&set, SIGRTMIN + rt[i]);
	}
	sigprocmask(SIG_BLOCK, &set, NULL);
	pid_t parent = getpid();
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		for (int rep = 0; rep < 2; rep++)
			for (int i = 0; i < 3; i++) {
				union sigval v = { .sival_int = rep * 10 + i };
				sigqueue(parent, SIGRTMIN + rt[i], v);
				kill(parent, std[i]);
			}
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("delivered:%s\n", log_buf);
	return strcmp(log_buf, " 1 10 12 RTMIN+1(1) RTMIN+1(11) RTMIN+3(0) RTMIN+3(2) RTMIN+3(10) RTMIN+3(12)") != 0;
}

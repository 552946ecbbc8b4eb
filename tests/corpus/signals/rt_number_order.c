/* Pending real-time signals are delivered lowest number first, and
 * within one number in queue order: eight rt signals of four numbers are
 * queued in a scrambled order while blocked, then unblocked; handlers run
 * one at a time (full sa_mask) and log number and value.
 * corpus: native=same */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char log_buf[512];
static volatile int loglen;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	loglen += snprintf(log_buf + loglen, sizeof log_buf - (size_t)loglen, " RTMIN+%d:%d",
			   sig - SIGRTMIN, si->si_value.sival_int);
}

int main(void)
{
	int order[] = { 7, 2, 5, 2, 0, 7, 5, 0 };
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigfillset(&sa.sa_mask);
	sigset_t set;
	sigemptyset(&set);
	for (int i = 0; i < 8; i++) {
		sigaction(SIGRTMIN + order[i], &sa, NULL);
		sigaddset(&set, SIGRTMIN + order[i]);
	}
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 0; i < 8; i++) {
		union sigval v = { .sival_int = i };
		sigqueue(getpid(), SIGRTMIN + order[i], v);
	}
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("delivered:%s\n", log_buf);
	return strcmp(log_buf, " RTMIN+0:4 RTMIN+0:7 RTMIN+2:1 RTMIN+2:3 RTMIN+5:2 RTMIN+5:6 RTMIN+7:0 RTMIN+7:5") != 0;
}

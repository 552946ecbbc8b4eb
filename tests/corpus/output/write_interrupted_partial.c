/* A blocking 1 MiB write to a pipe nobody reads: it fills the pipe and
 * sleeps until a SIGALRM (no SA_RESTART) interrupts it; write returns the
 * partial count. Then an interrupted write on a full pipe fails EINTR.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;
static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void arm(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

static char buf[1 << 20];

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART */
	int p[2];
	if (pipe(p) < 0) {
		perror("pipe");
		return 1;
	}
	int cap = fcntl(p[1], F_GETPIPE_SZ);
	memset(buf, 'x', sizeof buf);
	arm();
	ssize_t n = write(p[1], buf, sizeof buf);
	printf("first write returned %s of the pipe capacity, alarms %d\n",
	       n == cap ? "all" : "NOT all", (int)alarms);
	arm();
	errno = 0;
	ssize_t m = write(p[1], buf, sizeof buf);
	int e = errno;
	printf("second write returned %zd, %s, alarms %d\n", m,
	       e == EINTR ? "EINTR" : strerror(e), (int)alarms);
	close(p[0]);
	close(p[1]);
	return n == cap && m == -1 && e == EINTR && alarms == 2 ? 0 : 1;
}

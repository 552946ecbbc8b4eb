/* tgkill(getpid(), gettid(), sig) from main and from a second thread to
 * itself: a thread-directed signal runs its handler in that thread only
 * (si_code SI_TKILL), before tgkill returns.
 * corpus: native=same */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static __thread volatile int mine;
static volatile int total, bad_code;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	if (si->si_code != SI_TKILL || si->si_pid != getpid())
		bad_code++;
	mine++;
	total++;
}

static int self_tgkill(int times)
{
	for (int i = 0; i < times; i++)
		syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), SIGUSR2);
	return mine;
}

static void *thread(void *arg)
{
	(void)arg;
	return (void *)(long)self_tgkill(3);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	int in_main = self_tgkill(2);
	pthread_t t;
	void *res;
	pthread_create(&t, NULL, thread, NULL);
	pthread_join(t, &res);
	printf("main handled %d, thread handled %ld, total %d, bad siginfo %d\n", in_main, (long)res,
	       total, bad_code);
	return !(in_main == 2 && (long)res == 3 && total == 5 && bad_code == 0);
}

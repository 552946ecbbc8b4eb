/* pselect with a mask that unblocks SIGUSR2 only during the wait. A
 * thread (which keeps SIGUSR2 blocked) sends it to the process five times,
 * each when main asks; main is the only thread that can take it, inside
 * pselect, which fails with EINTR after the handler ran.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

static volatile sig_atomic_t hits;
static volatile int handler_in_main;
static pthread_t main_thread;
static int ask[2];

static void handler(int sig)
{
	(void)sig;
	hits++;
	if (pthread_equal(pthread_self(), main_thread))
		handler_in_main++;
}

static void *sender(void *arg)
{
	(void)arg;
	char c;
	while (read(ask[0], &c, 1) == 1)
		kill(getpid(), SIGUSR2);
	return NULL;
}

int main(void)
{
	main_thread = pthread_self();
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR2, &sa, NULL);
	sigset_t block, during;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &block, &during);
	sigdelset(&during, SIGUSR2);
	int idle[2];
	if (pipe(ask) || pipe(idle))
		return 1;
	pthread_t t;
	pthread_create(&t, NULL, sender, NULL);
	int bad = 0;
	for (int round = 0; round < 5; round++) {
		int before = hits;
		write(ask[1], "s", 1);
		fd_set rd;
		FD_ZERO(&rd);
		FD_SET(idle[0], &rd);
		struct timespec ts = { 5, 0 };
		int r = pselect(idle[0] + 1, &rd, NULL, NULL, &ts, &during);
		int e = errno;
		printf("round %d: pselect %s, handler ran %d time(s)\n", round,
		       r < 0 && e == EINTR ? "EINTR" : "did not fail with EINTR", hits - before);
		bad |= !(r < 0 && e == EINTR) || hits - before != 1;
	}
	close(ask[1]);
	pthread_join(t, NULL);
	printf("all in main: %s\n", handler_in_main == 5 ? "yes" : "no");
	return bad || handler_in_main != 5;
}

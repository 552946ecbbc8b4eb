/* pthread_kill to each of three threads blocked in a read on a pipe that
 * nobody writes: the handler runs in the target thread, whose read fails
 * with EINTR (no SA_RESTART). A signal that comes before the thread is in
 * read is handled outside it, so main signals again until the thread
 * reports; only "interrupted" and "right thread" are printed.
 * corpus: native=same */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

static __thread long me = -1;
static volatile long target = -1;
static volatile int wrong_thread;
static int idle[2], report[2], started[2];

static void handler(int sig)
{
	(void)sig;
	if (me != target)
		wrong_thread++;
}

static void *thread(void *arg)
{
	me = (long)arg;
	char c = 's';
	write(started[1], &c, 1);
	ssize_t r = read(idle[0], &c, 1);
	c = r < 0 && errno == EINTR ? 'i' : 'x';
	write(report[1], &c, 1);
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	if (pipe(report) || pipe(idle) || pipe(started))
		return 1;
	pthread_t t[3];
	for (long i = 0; i < 3; i++) {
		pthread_create(&t[i], NULL, thread, (void *)i);
		char c;
		read(started[0], &c, 1);
	}
	int bad = 0;
	for (int i = 2; i >= 0; i--) {
		target = i;
		char c = 0;
		for (int tries = 0; tries < 1000 && c == 0; tries++) {
			pthread_kill(t[i], SIGUSR1);
			struct timespec ts = { 0, 2000000 };
			fd_set rd;
			FD_ZERO(&rd);
			FD_SET(report[0], &rd);
			if (pselect(report[0] + 1, &rd, NULL, NULL, &ts, NULL) == 1)
				read(report[0], &c, 1);
		}
		pthread_join(t[i], NULL);
		printf("thread %d: read interrupted: %s\n", i, c == 'i' ? "yes" : "no");
		bad |= c != 'i';
	}
	printf("handlers in the wrong thread: %d\n", wrong_thread);
	return bad || wrong_thread;
}

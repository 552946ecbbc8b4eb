/* A worker thread blocked in read (SA_RESTART) is hit by ten SIGUSR1s
 * from main (pthread_kill; main waits for each handler run through an
 * ack pipe): each is handled and the read silently restarted; then main
 * writes the data and the read returns it, never having failed.
 * corpus: native=same */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int data[2], ack[2], started[2];
static volatile int hits;

static void handler(int sig)
{
	(void)sig;
	hits++;
	write(ack[1], "a", 1);
}

static void *worker(void *arg)
{
	(void)arg;
	write(started[1], "s", 1);
	char buf[16] = { 0 };
	ssize_t r = read(data[0], buf, sizeof buf - 1);
	int e = errno;
	printf("worker: read returned %zd%s '%s'\n", r, r < 0 && e == EINTR ? " EINTR" : "", buf);
	return (void *)(long)(r == 5 ? 0 : 1);
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	if (pipe(data) || pipe(ack) || pipe(started))
		return 1;
	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
	char c;
	read(started[0], &c, 1);
	for (int i = 0; i < 10; i++) {
		pthread_kill(t, SIGUSR1);
		read(ack[0], &c, 1);
	}
	write(data[1], "hello", 5);
	void *res;
	pthread_join(t, &res);
	printf("handler ran %d times\n", hits);
	return res != NULL || hits != 10;
}

/* A process-directed signal goes to whichever thread has it unblocked:
 * SIGUSR1 is blocked everywhere; in round k, thread k alone unblocks it
 * inside sigsuspend, and main then kills the process. Eight rounds over
 * four threads; each handler run must land in that round's thread.
 * corpus: native=same */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { THREADS = 4, ROUNDS = 8 };
static __thread long me = -1;
static long ran_in[ROUNDS];
static volatile int round_no;
static int turn[THREADS][2], done[2];

static void handler(int sig)
{
	(void)sig;
	ran_in[round_no] = me;
}

static void *worker(void *arg)
{
	me = (long)arg;
	sigset_t empty;
	sigemptyset(&empty);
	char c;
	while (read(turn[me][0], &c, 1) == 1) {
		write(done[1], "w", 1);   /* about to wait */
		sigsuspend(&empty);
		write(done[1], "h", 1);   /* handled */
	}
	return NULL;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &one, NULL);
	if (pipe(done))
		return 1;
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++) {
		if (pipe(turn[i]))
			return 1;
		pthread_create(&t[i], NULL, worker, (void *)i);
	}
	int order[ROUNDS] = { 2, 0, 3, 1, 1, 3, 0, 2 };
	int bad = 0;
	for (int r = 0; r < ROUNDS; r++) {
		round_no = r;
		ran_in[r] = -1;
		char c;
		write(turn[order[r]][1], "t", 1);
		read(done[0], &c, 1);
		kill(getpid(), SIGUSR1);
		read(done[0], &c, 1);
		printf("round %d: thread %d unblocked, handler ran in thread %ld\n", r, order[r], ran_in[r]);
		bad |= ran_in[r] != order[r];
	}
	for (int i = 0; i < THREADS; i++) {
		close(turn[i][1]);
		pthread_join(t[i], NULL);
	}
	return bad;
}

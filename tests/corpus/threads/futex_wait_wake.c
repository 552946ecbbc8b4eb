/* Raw FUTEX_WAIT / FUTEX_WAKE: EAGAIN when the word has changed, a
 * wake count of 0 with no waiters, then a 500-round handoff between two
 * threads that each wait for their turn on one futex word.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { ROUNDS = 500 };
static int turn; /* 0: main's turn, 1: the thread's */
static long total;

static long futex(int *uaddr, int op, int val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

static void wait_for(int want)
{
	int v;
	while ((v = __atomic_load_n(&turn, __ATOMIC_ACQUIRE)) != want)
		futex(&turn, FUTEX_WAIT_PRIVATE, v);
}

static void give(int to)
{
	__atomic_store_n(&turn, to, __ATOMIC_RELEASE);
	futex(&turn, FUTEX_WAKE_PRIVATE, 1);
}

static void *other(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		wait_for(1);
		total += 2;
		give(0);
	}
	return NULL;
}

int main(void)
{
	int word = 5;
	errno = 0;
	long r = futex(&word, FUTEX_WAIT_PRIVATE, 4);
	printf("wait on a changed word: %ld %s\n", r, errno == EAGAIN ? "EAGAIN" : "?");
	printf("wake with no waiters: %ld\n", futex(&word, FUTEX_WAKE_PRIVATE, 10));
	pthread_t t;
	pthread_create(&t, NULL, other, NULL);
	for (int i = 0; i < ROUNDS; i++) {
		wait_for(0);
		total += 1;
		give(1);
	}
	wait_for(0);
	pthread_join(t, NULL);
	printf("%d handoffs each way, total %ld\n", ROUNDS, total);
	return total != 3 * ROUNDS;
}

/* exit() while five threads wait in FUTEX_WAIT. main makes sure they
 * are really queued in the kernel by requeueing them (without waking) to
 * a second futex until all five are counted, then exits.
 * corpus: native=same */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { THREADS = 5 };
static int word_a, word_b;

static void *waiter(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++)
		syscall(SYS_futex, &word_a, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	printf("waiter returned: should not happen\n");
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, waiter, NULL);
	long moved = 0;
	for (int tries = 0; tries < 200000 && moved < THREADS; tries++) {
		/* wake none, move every waiter of word_a to word_b */
		long r = syscall(SYS_futex, &word_a, FUTEX_CMP_REQUEUE_PRIVATE, 0,
				 (void *)(long)INT_MAX, &word_b, 0);
		if (r < 0) {
			perror("futex requeue");
			return 1;
		}
		moved += r;
		if (moved < THREADS)
			sched_yield();
	}
	if (moved != THREADS) {
		printf("only %ld of %d waiters seen in the kernel\n", moved, THREADS);
		return 1;
	}
	printf("%ld threads queued on the futex; exit(9)\n", moved);
	fflush(stdout);
	exit(9);
}

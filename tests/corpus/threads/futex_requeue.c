/* FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: six waiters on word A; wake one
 * and move two to word B, CMP_REQUEUE with a wrong expected value
 * (EAGAIN), then wake the rest from both words: counts are the kernel's.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { THREADS = 6 };
static int a, b, release, done;

static long fx(int *u, int op, long val, long val2, int *u2, int val3)
{
	return syscall(SYS_futex, u, op, val, (void *)val2, u2, val3);
}

static void *waiter(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&release, __ATOMIC_SEQ_CST))
		fx(&a, FUTEX_WAIT_PRIVATE, 0, 0, NULL, 0);
	__atomic_fetch_add(&done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static long count(int *w)
{
	return fx(w, FUTEX_CMP_REQUEUE_PRIVATE, 0, INT_MAX, w, *w);
}

int main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, waiter, NULL);
	int tries;
	for (tries = 0; tries < 200000 && count(&a) < THREADS; tries++)
		sched_yield();
	printf("waiters on A: %ld\n", count(&a));
	__atomic_store_n(&release, 1, __ATOMIC_SEQ_CST);
	printf("REQUEUE wake 1, move 2: %ld\n", fx(&a, FUTEX_REQUEUE_PRIVATE, 1, 2, &b, 0));
	printf("waiters on A %ld, on B %ld\n", count(&a), count(&b));
	errno = 0;
	long r = fx(&a, FUTEX_CMP_REQUEUE_PRIVATE, 0, 1, &b, 99);
	printf("CMP_REQUEUE with a wrong value: %ld %s\n", r, errno == EAGAIN ? "EAGAIN" : "?");
	printf("CMP_REQUEUE wake 1, move the rest to B: %ld\n",
	       fx(&a, FUTEX_CMP_REQUEUE_PRIVATE, 1, INT_MAX, &b, 0));
	printf("waiters on A %ld, on B %ld\n", count(&a), count(&b));
	printf("wake all on B: %ld\n", fx(&b, FUTEX_WAKE_PRIVATE, INT_MAX, 0, NULL, 0));
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("%d waiters done\n", done);
	return done != THREADS;
}

/* FUTEX_WAKE_OP: atomically apply an operation to a second word and wake
 * waiters on both words, the second only if the old value passes a test.
 * Two threads wait on each word; results and word values are printed.
 * corpus: native=same */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static int w1, w2 = 5, go1, go2, done;

static long fx(int *u, int op, long val, long val2, int *u2, int val3)
{
	return syscall(SYS_futex, u, op, val, (void *)val2, u2, val3);
}

static void *wait1(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&go1, __ATOMIC_SEQ_CST))
		fx(&w1, FUTEX_WAIT_PRIVATE, 0, 0, NULL, 0);
	__atomic_fetch_add(&done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void *wait2(void *arg)
{
	(void)arg;
	int v;
	while (!__atomic_load_n(&go2, __ATOMIC_SEQ_CST) && (v = __atomic_load_n(&w2, __ATOMIC_SEQ_CST)) < 100)
		fx(&w2, FUTEX_WAIT_PRIVATE, v, 0, NULL, 0);
	__atomic_fetch_add(&done, 10, __ATOMIC_SEQ_CST);
	return NULL;
}

static long count(int *w)
{
	return fx(w, FUTEX_CMP_REQUEUE_PRIVATE, 0, INT_MAX, w, *w);
}

int main(void)
{
	pthread_t t[4];
	pthread_create(&t[0], NULL, wait1, NULL);
	pthread_create(&t[1], NULL, wait1, NULL);
	pthread_create(&t[2], NULL, wait2, NULL);
	pthread_create(&t[3], NULL, wait2, NULL);
	for (int i = 0; i < 200000 && (count(&w1) < 2 || count(&w2) < 2); i++)
		sched_yield();
	printf("queued: %ld on w1, %ld on w2\n", count(&w1), count(&w2));
	__atomic_store_n(&go1, 1, __ATOMIC_SEQ_CST);
	/* w2 += 10; wake 1 on w1; wake 1 on w2 if old w2 > 100: no */
	long r = fx(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 1, &w2,
		    FUTEX_OP(FUTEX_OP_ADD, 10, FUTEX_OP_CMP_GT, 100));
	printf("WAKE_OP add 10, cmp old>100: woke %ld, w2 now %d\n", r, w2);
	for (int i = 0; i < 200000 && count(&w1) > 1; i++)
		sched_yield();
	/* w2 = 200; wake 1 on w1; wake 2 on w2 if old w2 == 15: yes */
	__atomic_store_n(&go2, 1, __ATOMIC_SEQ_CST);
	r = fx(&w1, FUTEX_WAKE_OP_PRIVATE, 1, 2, &w2,
	       FUTEX_OP(FUTEX_OP_SET, 200, FUTEX_OP_CMP_EQ, 15));
	printf("WAKE_OP set 200, cmp old==15: woke %ld, w2 now %d\n", r, w2);
	for (int i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("done %d (expected 22)\n", done);
	return done != 22;
}

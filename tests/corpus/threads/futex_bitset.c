/* FUTEX_WAIT_BITSET / FUTEX_WAKE_BITSET: four threads wait on one word
 * with bitsets 1, 2, 4, 8; wakes with masks 2, then 5, then all pick
 * exactly the matching waiters (the wake counts are the kernel's).
 * corpus: native=same */
#define _GNU_SOURCE
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { THREADS = 4 };
static int word, parked;
static int woken[THREADS];
static int woke_count;

static void *waiter(void *arg)
{
	long id = (long)arg;
	__atomic_fetch_add(&parked, 1, __ATOMIC_SEQ_CST);
	for (int i = 0; i < 1000 && !__atomic_load_n(&woken[id], __ATOMIC_SEQ_CST); i++) {
		syscall(SYS_futex, &word, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL, NULL, 1 << id);
		/* a wake meant for us sets our flag first */
	}
	__atomic_fetch_add(&woke_count, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* wake by mask until the expected number of waiters left; all waiters are
 * queued before we start (counted via a no-op requeue) */
static long wake(unsigned mask)
{
	for (int id = 0; id < THREADS; id++)
		if (mask & (1u << id))
			__atomic_store_n(&woken[id], 1, __ATOMIC_SEQ_CST);
	return syscall(SYS_futex, &word, FUTEX_WAKE_BITSET_PRIVATE, INT_MAX, NULL, NULL, mask);
}

static long queued(void)
{
	/* requeue onto the same word: counts waiters, wakes none */
	return syscall(SYS_futex, &word, FUTEX_CMP_REQUEUE_PRIVATE, 0, (void *)(long)INT_MAX,
		       &word, 0);
}

static int wait_queued(long n)
{
	for (int i = 0; i < 200000; i++) {
		if (queued() == n)
			return 1;
		sched_yield();
	}
	return 0;
}

int main(void)
{
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, waiter, (void *)i);
	if (!wait_queued(4)) {
		printf("waiters never queued\n");
		return 1;
	}
	printf("wake mask 0x2 woke %ld\n", wake(0x2));
	if (!wait_queued(3))
		return 1;
	printf("wake mask 0x5 woke %ld\n", wake(0x5));
	if (!wait_queued(1))
		return 1;
	printf("wake mask 0x30 (no one) woke %ld\n",
	       syscall(SYS_futex, &word, FUTEX_WAKE_BITSET_PRIVATE, INT_MAX, NULL, NULL, 0x30));
	printf("wake any woke %ld\n", wake(FUTEX_BITSET_MATCH_ANY));
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("%d waiters finished\n", woke_count);
	return woke_count != THREADS;
}

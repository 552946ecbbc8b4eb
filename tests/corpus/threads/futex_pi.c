/* FUTEX_LOCK_PI / FUTEX_UNLOCK_PI / FUTEX_TRYLOCK_PI: a priority-
 * inheritance lock built on the raw syscalls, the word holding the
 * owner's tid; four threads contend for it 200 times each.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { THREADS = 4, ROUNDS = 200 };
static int lockword;
static long counter;
static int contended;

static void lock(void)
{
	int tid = (int)syscall(SYS_gettid);
	int zero = 0;
	if (__atomic_compare_exchange_n(&lockword, &zero, tid, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	__atomic_fetch_add(&contended, 1, __ATOMIC_RELAXED);
	while (syscall(SYS_futex, &lockword, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0) < 0)
		if (errno != EINTR && errno != EAGAIN)
			break;
}

static void unlock(void)
{
	int tid = (int)syscall(SYS_gettid);
	if (__atomic_compare_exchange_n(&lockword, &tid, 0, 0, __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		return;
	syscall(SYS_futex, &lockword, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
}

static void *worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		lock();
		long c = counter;
		if (i % 16 == 0)
			sched_yield(); /* get preempted while holding it */
		counter = c + 1;
		unlock();
	}
	return NULL;
}

int main(void)
{
	/* uncontended trylock through the kernel, then EDEADLK on relock */
	long r = syscall(SYS_futex, &lockword, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
	printf("trylock_pi: %ld, word holds our tid: %s\n", r,
	       lockword == (int)syscall(SYS_gettid) ? "yes" : "no");
	errno = 0;
	r = syscall(SYS_futex, &lockword, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0);
	printf("lock_pi again by the owner: %s\n", r < 0 && errno == EDEADLK ? "EDEADLK" : "?");
	syscall(SYS_futex, &lockword, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
	printf("after unlock_pi the word is %d\n", lockword);
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("counter %ld (expected %d), lock free at the end: %s\n", counter, THREADS * ROUNDS,
	       lockword == 0 ? "yes" : "no");
	return counter != THREADS * ROUNDS;
}

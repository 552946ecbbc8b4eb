/* pthread rwlocks: several readers hold the lock at once (counted at a
 * barrier), writers exclude everyone, trywrlock fails with EBUSY while
 * read-held, and a writer-preferring rwlock under mixed load keeps a
 * consistent pair of values.
 * corpus: native=same */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

enum { READERS = 4, WRITERS = 2, ROUNDS = 2000 };
static pthread_rwlock_t rw;
static pthread_barrier_t bar;
static int inside, max_inside;
static long a, b, bad_reads;

static void *reader_together(void *arg)
{
	(void)arg;
	pthread_rwlock_rdlock(&rw);
	int n = __atomic_add_fetch(&inside, 1, __ATOMIC_SEQ_CST);
	if (n > max_inside)
		max_inside = n;
	pthread_barrier_wait(&bar); /* all readers inside at once */
	pthread_barrier_wait(&bar); /* main has tried to write-lock */
	__atomic_sub_fetch(&inside, 1, __ATOMIC_SEQ_CST);
	pthread_rwlock_unlock(&rw);
	return NULL;
}

static void *reader(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_rwlock_rdlock(&rw);
		if (a != b)
			__atomic_fetch_add(&bad_reads, 1, __ATOMIC_RELAXED);
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

static void *writer(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		pthread_rwlock_wrlock(&rw);
		a++;
		b++;
		pthread_rwlock_unlock(&rw);
	}
	return NULL;
}

int main(void)
{
	pthread_rwlockattr_t at;
	pthread_rwlockattr_init(&at);
	pthread_rwlockattr_setkind_np(&at, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&rw, &at);
	pthread_barrier_init(&bar, NULL, READERS + 1);
	pthread_t t[READERS + WRITERS];
	for (int i = 0; i < READERS; i++)
		pthread_create(&t[i], NULL, reader_together, NULL);
	pthread_barrier_wait(&bar);
	int busy = pthread_rwlock_trywrlock(&rw);
	pthread_barrier_wait(&bar);
	for (int i = 0; i < READERS; i++)
		pthread_join(t[i], NULL);
	printf("readers inside together: %d; trywrlock meanwhile: %s\n", max_inside,
	       busy == EBUSY ? "EBUSY" : "other");
	pthread_rwlock_wrlock(&rw);
	printf("tryrdlock while write-held: %s\n",
	       pthread_rwlock_tryrdlock(&rw) == EBUSY ? "EBUSY" : "other");
	pthread_rwlock_unlock(&rw);
	for (int i = 0; i < READERS; i++)
		pthread_create(&t[i], NULL, reader, NULL);
	for (int i = 0; i < WRITERS; i++)
		pthread_create(&t[READERS + i], NULL, writer, NULL);
	for (int i = 0; i < READERS + WRITERS; i++)
		pthread_join(t[i], NULL);
	printf("mixed load: a=%ld b=%ld, inconsistent reads %ld\n", a, b, bad_reads);
	return !(max_inside == READERS && a == WRITERS * ROUNDS && bad_reads == 0);
}

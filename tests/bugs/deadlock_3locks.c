/* Kind: lock-order deadlock, 3-lock cycle (fails by hanging)
 *
 * Three accounts, each with its own mutex, and three threads: thread i
 * moves money from account i to account (i+1)%3, locking the source,
 * debiting it, then locking the destination. The lock orders form a
 * cycle: 0->1, 1->2, 2->0.
 *
 * Failing interleaving: each thread in turn locks its source and is
 * preempted before it locks its destination (thread 0 holds 0, thread 1
 * holds 1, thread 2 holds 2); then each waits for the lock the next one
 * holds. The program hangs (the hang is the failure; no timeout inside).
 * Two threads blocked is not enough: the third one must also be caught
 * holding its first lock.
 *
 * Natively each thread's ITERS transfers are over before the next thread
 * starts.
 *
 * FIXED: every transfer locks the lower-numbered account first.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { N = 3, ITERS = 100, START = 1000 };

struct account {
	int number;
	pthread_mutex_t lock;
	long balance;
};

static struct account accounts[N] = {
	{ 0, PTHREAD_MUTEX_INITIALIZER, START },
	{ 1, PTHREAD_MUTEX_INITIALIZER, START },
	{ 2, PTHREAD_MUTEX_INITIALIZER, START },
};

static void transfer(struct account *from, struct account *to, long amount)
{
#ifdef FIXED
	struct account *first = from->number < to->number ? from : to;
	struct account *second = first == from ? to : from;
	pthread_mutex_lock(&first->lock);
	pthread_mutex_lock(&second->lock);
	from->balance -= amount;
	to->balance += amount;
	pthread_mutex_unlock(&second->lock);
	pthread_mutex_unlock(&first->lock);
#else
	pthread_mutex_lock(&from->lock);
	from->balance -= amount;
	pthread_mutex_lock(&to->lock);	/* the next thread may hold it */
	to->balance += amount;
	pthread_mutex_unlock(&to->lock);
	pthread_mutex_unlock(&from->lock);
#endif
}

static void *mover(void *arg)
{
	int from = (int)(long)arg;
	for (int i = 0; i < ITERS; i++)
		transfer(&accounts[from], &accounts[(from + 1) % N], 1);
	return NULL;
}

int main(void)
{
	pthread_t t[N];
	for (long i = 0; i < N; i++)
		pthread_create(&t[i], NULL, mover, (void *)i);
	for (int i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < N; i++)
		if (accounts[i].balance != START) {
			fprintf(stderr, "BUG: account %d has %ld\n", i, accounts[i].balance);
			return 1;
		}
	printf("ok a=%ld b=%ld c=%ld\n", accounts[0].balance, accounts[1].balance,
	       accounts[2].balance);
	return 0;
}

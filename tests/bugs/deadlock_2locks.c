/* Kind: lock-order deadlock, 2 locks (fails by hanging)
 *
 * Two accounts, each with its own mutex. transfer(from, to) locks `from`,
 * debits it, then locks `to` and credits it. Thread 1 moves money from A
 * to B, thread 2 from B to A, ITERS times each: the two threads take the
 * locks in opposite orders.
 *
 * Failing interleaving: thread 1 holds A's lock (it has debited A) and is
 * preempted before it locks B; thread 2 locks B and waits for A; thread 1
 * resumes and waits for B. Neither can go on: the program hangs (there is
 * no timeout inside the program: the hang is the failure).
 *
 * Natively each thread's ITERS transfers take a few microseconds, less
 * than it takes to start the second thread, so they rarely overlap.
 *
 * FIXED: both threads lock the two accounts in one global order (the
 * lower account number first).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { ITERS = 50, START = 1000 };

struct account {
	int number;
	pthread_mutex_t lock;
	long balance;
};

static struct account accounts[2] = {
	{ 0, PTHREAD_MUTEX_INITIALIZER, START },
	{ 1, PTHREAD_MUTEX_INITIALIZER, START },
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
	pthread_mutex_lock(&to->lock);	/* the other thread may hold it and want ours */
	to->balance += amount;
	pthread_mutex_unlock(&to->lock);
	pthread_mutex_unlock(&from->lock);
#endif
}

static void *mover(void *arg)
{
	int from = (int)(long)arg;
	for (int i = 0; i < ITERS; i++)
		transfer(&accounts[from], &accounts[1 - from], 1);
	return NULL;
}

int main(void)
{
	pthread_t t[2];
	for (long i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, mover, (void *)i);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	if (accounts[0].balance != START || accounts[1].balance != START) {
		fprintf(stderr, "BUG: balances %ld and %ld\n", accounts[0].balance, accounts[1].balance);
		return 1;
	}
	printf("ok a=%ld b=%ld\n", accounts[0].balance, accounts[1].balance);
	return 0;
}

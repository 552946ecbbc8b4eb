/* Kind: check-then-act
 *
 * Two withdrawers drain an account of 150 in steps of 10:
 *     if (balance >= 10) { ledger[me] += 10; balance -= 10; }
 * The subtraction itself is atomic and so is the read of the balance, but
 * the check and the act are not one step.
 *
 * Failing interleaving: with 10 left, withdrawer A checks (10 >= 10) and
 * is preempted before it subtracts; withdrawer B checks, sees 10 too, and
 * takes it (balance 0); A resumes and takes 10 more: the balance is -10,
 * "BUG: balance went negative".
 *
 * Natively the first withdrawer empties the account before the second one
 * starts, which then finds nothing to take.
 *
 * FIXED: check and subtraction are done together under a mutex.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { INITIAL = 150, AMOUNT = 10 };

static int balance = INITIAL;
static int ledger[2];		/* what each withdrawer took */
#ifdef FIXED
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
#endif

static int withdraw(int me, int amount)
{
	int done = 0;
#ifdef FIXED
	pthread_mutex_lock(&lock);
#endif
	if (__atomic_load_n(&balance, __ATOMIC_SEQ_CST) >= amount) {	/* check */
		ledger[me] += amount;
		int after = __atomic_sub_fetch(&balance, amount, __ATOMIC_SEQ_CST);	/* act */
		if (after < 0) {
			fprintf(stderr, "BUG: balance went negative: %d\n", after);
			exit(1);
		}
		done = 1;
	}
#ifdef FIXED
	pthread_mutex_unlock(&lock);
#endif
	return done;
}

static void *withdrawer(void *arg)
{
	int me = (int)(long)arg;
	/* At most INITIAL/AMOUNT + 1 passes: each successful one takes AMOUNT. */
	for (int i = 0; i <= INITIAL / AMOUNT; i++)
		if (!withdraw(me, AMOUNT))
			break;
	return NULL;
}

int main(void)
{
	pthread_t t[2];
	for (long i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, withdrawer, (void *)i);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	int withdrawn = ledger[0] + ledger[1];
	if (balance != 0 || withdrawn != INITIAL) {
		fprintf(stderr, "BUG: balance=%d withdrawn=%d of %d\n", balance, withdrawn, INITIAL);
		return 1;
	}
	printf("ok balance=%d withdrawn=%d\n", balance, withdrawn);
	return 0;
}

/* Kind: lost update on adjacent bit-fields (each under its own lock)
 *
 * Two counters live in bit-fields of one struct: `rx` (7 bits) and `tx`
 * (9 bits) share the same bytes. The receive thread updates rx under
 * rx_lock and the send thread updates tx under tx_lock; each looks
 * correctly locked, but a bit-field update is a load of the whole word, a
 * change of some bits and a store of the whole word.
 *
 * Failing interleaving: the receive thread loads the word (rx and tx) and
 * is preempted before its store; the send thread increments tx; the
 * receive thread stores the word back with its new rx and the OLD tx:
 * "BUG: counters rx=100 tx=99".
 *
 * Natively each thread's 100 rounds are over before the other one runs.
 *
 * FIXED: rx and tx are ordinary members, separate memory locations, so
 * each lock really covers its own counter.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { ITERS = 100 };

static struct {
#ifdef FIXED
	unsigned short rx;
	unsigned short tx;
#else
	unsigned rx : 7;	/* bits 0-6 */
	unsigned tx : 9;	/* bits 7-15: shares byte 0 with rx */
#endif
} counters;

static pthread_mutex_t rx_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t tx_lock = PTHREAD_MUTEX_INITIALIZER;

static void *receiver(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITERS; i++) {
		pthread_mutex_lock(&rx_lock);
		counters.rx++;
		pthread_mutex_unlock(&rx_lock);
	}
	return NULL;
}

static void *sender(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITERS; i++) {
		pthread_mutex_lock(&tx_lock);
		counters.tx++;
		pthread_mutex_unlock(&tx_lock);
	}
	return NULL;
}

int main(void)
{
	pthread_t r, s;
	pthread_create(&r, NULL, receiver, NULL);
	pthread_create(&s, NULL, sender, NULL);
	pthread_join(r, NULL);
	pthread_join(s, NULL);
	unsigned rx = counters.rx, tx = counters.tx;
	if (rx != ITERS || tx != ITERS) {
		fprintf(stderr, "BUG: counters rx=%u tx=%u, expected %d each\n", rx, tx, ITERS);
		return 1;
	}
	printf("ok rx=%u tx=%u\n", rx, tx);
	return 0;
}

/* Kind: nested monitor lockout (a deadlock; fails by hanging)
 *
 * A worker waits for an event while holding the table lock: it takes
 * table_lock, then event_lock, and waits on the event condition variable,
 * which releases only event_lock. Main posts the event: it takes
 * table_lock, then event_lock, sets `posted` and signals.
 *
 * Failing interleaving: the worker takes both locks before main and,
 * finding the event not posted, waits (still holding table_lock); main
 * blocks on table_lock and can never post. The program hangs (the hang is
 * the failure). If main takes table_lock first, the worker blocks on it,
 * main posts, and the worker then finds the event posted and never waits.
 *
 * Natively main takes table_lock right after pthread_create, long before
 * the new worker thread runs.
 *
 * FIXED: the worker waits for the event holding only event_lock, and
 * takes table_lock after the wait.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t event_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t event = PTHREAD_COND_INITIALIZER;
static int posted;
static int table_entries;

static void *worker(void *arg)
{
	(void)arg;
#ifdef FIXED
	pthread_mutex_lock(&event_lock);
	while (!posted)
		pthread_cond_wait(&event, &event_lock);
	pthread_mutex_unlock(&event_lock);
	pthread_mutex_lock(&table_lock);
	table_entries++;
	pthread_mutex_unlock(&table_lock);
#else
	pthread_mutex_lock(&table_lock);
	pthread_mutex_lock(&event_lock);
	while (!posted)
		pthread_cond_wait(&event, &event_lock);	/* still holds table_lock */
	pthread_mutex_unlock(&event_lock);
	table_entries++;
	pthread_mutex_unlock(&table_lock);
#endif
	return NULL;
}

int main(void)
{
	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
	pthread_mutex_lock(&table_lock);
	table_entries++;
	pthread_mutex_lock(&event_lock);
	posted = 1;
	pthread_cond_signal(&event);
	pthread_mutex_unlock(&event_lock);
	pthread_mutex_unlock(&table_lock);
	pthread_join(t, NULL);
	printf("ok posted=%d entries=%d\n", posted, table_entries);
	return 0;
}

/* Kind: atomicity violation across two critical sections
 *
 * A fixed-size table has two operations that each take the table's lock:
 * table_has_room() and table_add(). Two threads fill it with
 *     while (table_has_room()) table_add(id);
 * Each call is atomic, but the pair is not: the lock is released between
 * the check and the act.
 *
 * Failing interleaving: with one free slot left, thread A's
 * table_has_room() says yes and A is preempted right after it released
 * the lock; thread B sees the same free slot, adds and finds the table
 * full; A resumes and adds into a full table: "BUG: table overflow".
 *
 * Natively the first thread usually fills the whole table before the
 * second one runs, which then finds it full at once.
 *
 * FIXED: the check and the add are one critical section (table_try_add).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { CAP = 64 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int table[CAP];
static int len;

#ifndef FIXED
static int table_has_room(void)
{
	pthread_mutex_lock(&lock);
	int room = len < CAP;
	pthread_mutex_unlock(&lock);
	return room;
}

static void table_add(int v)
{
	pthread_mutex_lock(&lock);
	if (len >= CAP) {
		fprintf(stderr, "BUG: table overflow: adding entry %d to a table of %d\n", len + 1, CAP);
		exit(1);
	}
	table[len++] = v;
	pthread_mutex_unlock(&lock);
}
#else
static int table_try_add(int v)
{
	pthread_mutex_lock(&lock);
	int added = len < CAP;
	if (added)
		table[len++] = v;
	pthread_mutex_unlock(&lock);
	return added;
}
#endif

static void *filler(void *arg)
{
	int id = (int)(long)arg;
	/* Each pass adds one entry, so at most CAP passes in all. */
#ifndef FIXED
	while (table_has_room())
		table_add(id);
#else
	while (table_try_add(id))
		;
#endif
	return NULL;
}

int main(void)
{
	pthread_t a, b;
	pthread_create(&a, NULL, filler, (void *)1L);
	pthread_create(&b, NULL, filler, (void *)2L);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	for (int i = 0; i < len; i++)
		if (table[i] != 1 && table[i] != 2) {
			fprintf(stderr, "BUG: table[%d]=%d\n", i, table[i]);
			return 1;
		}
	printf("ok len=%d\n", len);
	return 0;
}

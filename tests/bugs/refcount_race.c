/* Kind: non-atomic reference count
 *
 * An object starts with one reference (main's). Two threads repeatedly
 * take a reference, use the object and drop it; the count is changed with
 * a plain load and store. Whoever drops the count to 0 releases the
 * object.
 *
 * Failing interleavings: a thread loads refs (say 1) to take a reference
 * and is preempted before its store; the other thread takes and drops one
 * (1 -> 2 -> 1); the first stores 2 where 3 was due, and its own later
 * drop reaches 0 while main still holds its reference: "BUG: object
 * released while still referenced". Or a lost decrement leaves the count
 * above 0 after the last drop: "BUG: refs=1 after the last put".
 *
 * Natively each thread's rounds are over before the other one runs.
 *
 * FIXED: the count is changed with atomic add-and-fetch and
 * sub-and-fetch.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS = 2, ITERS = 500 };

struct object {
	volatile int refs;
	volatile int released;
	int payload;
};

static struct object obj = { 1, 0, 42 };
static volatile int main_done;	/* main has dropped its own reference */

static void release(struct object *o)
{
	if (o->released || !main_done) {
		fprintf(stderr, "BUG: object released while still referenced\n");
		exit(1);
	}
	o->released = 1;
}

static void get(struct object *o)
{
#ifdef FIXED
	__atomic_add_fetch(&o->refs, 1, __ATOMIC_SEQ_CST);
#else
	int v = o->refs;
	o->refs = v + 1;
#endif
}

static void put(struct object *o)
{
#ifdef FIXED
	int v = __atomic_sub_fetch(&o->refs, 1, __ATOMIC_SEQ_CST);
#else
	int v = o->refs - 1;
	o->refs = v;
#endif
	if (v == 0)
		release(o);
}

static void *user(void *arg)
{
	(void)arg;
	for (int i = 0; i < ITERS; i++) {
		get(&obj);
		if (obj.released || obj.payload != 42) {
			fprintf(stderr, "BUG: used a released object\n");
			exit(1);
		}
		put(&obj);
	}
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, user, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	main_done = 1;
	put(&obj);
	if (obj.refs != 0 || !obj.released) {
		fprintf(stderr, "BUG: refs=%d after the last put\n", obj.refs);
		return 1;
	}
	printf("ok refs=%d released=%d\n", obj.refs, obj.released);
	return 0;
}

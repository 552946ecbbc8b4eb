/* Kind: use after free across threads
 *
 * A reader looks up the current object under a lock and uses it after
 * unlocking; an updater swaps in a new object under the same lock and
 * frees the old one right after. Objects come from a small pool whose
 * free poisons them (magic = FREED, value = -1) and whose alloc bumps a
 * generation number, so a use after free is caught by an assertion
 * instead of going unnoticed (nothing is returned to malloc: no undefined
 * behaviour).
 *
 * Failing interleaving: the reader takes `current`, unlocks and is
 * preempted before reading the object; the updater replaces it and frees
 * it (and may reuse it); the reader resumes and reads a poisoned or
 * recycled object: "BUG: reader used a freed object".
 *
 * Natively the reader's use follows its unlock by a few instructions and
 * the two threads barely overlap.
 *
 * FIXED: the reader uses the object before it releases the lock, so the
 * updater cannot free it in between.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { POOL = 8, UPDATES = 20, READS = 20, LIVE = 0x11fe, FREED = 0xdead };

struct obj {
	volatile int magic;
	volatile int value;
	volatile unsigned gen;
	struct obj *next_free;
};

static struct obj pool[POOL];
static struct obj *free_list;
static pthread_mutex_t alloc_lock = PTHREAD_MUTEX_INITIALIZER;

static struct obj *obj_alloc(void)
{
	pthread_mutex_lock(&alloc_lock);
	struct obj *o = free_list;
	if (o)
		free_list = o->next_free;
	pthread_mutex_unlock(&alloc_lock);
	if (!o) {
		fprintf(stderr, "BUG: object pool exhausted\n");
		exit(1);
	}
	o->gen = o->gen + 1;
	o->magic = LIVE;
	return o;
}

static void obj_free(struct obj *o)
{
	o->magic = FREED;	/* poison before giving it back */
	o->value = -1;
	pthread_mutex_lock(&alloc_lock);
	o->next_free = free_list;
	free_list = o;
	pthread_mutex_unlock(&alloc_lock);
}

static pthread_mutex_t current_lock = PTHREAD_MUTEX_INITIALIZER;
static struct obj *current;

static void *updater(void *arg)
{
	(void)arg;
	for (int i = 1; i <= UPDATES; i++) {
		struct obj *n = obj_alloc();
		n->value = i;
		pthread_mutex_lock(&current_lock);
		struct obj *old = current;
		current = n;
		pthread_mutex_unlock(&current_lock);
		obj_free(old);
	}
	return NULL;
}

static void *reader(void *arg)
{
	(void)arg;
	for (int i = 0; i < READS; i++) {
		pthread_mutex_lock(&current_lock);
		struct obj *p = current;
		unsigned gen = p->gen;
#ifdef FIXED
		int v = p->value;
		int ok = p->magic == LIVE && p->gen == gen;
		pthread_mutex_unlock(&current_lock);
#else
		pthread_mutex_unlock(&current_lock);
		int v = p->value;	/* p may have been freed since the unlock */
		int ok = p->magic == LIVE && p->gen == gen;
#endif
		if (!ok || v < 0 || v > UPDATES) {
			fprintf(stderr, "BUG: reader used a freed object (value=%d magic=%#x)\n", v, p->magic);
			exit(1);
		}
	}
	return NULL;
}

int main(void)
{
	for (int i = 0; i < POOL; i++) {
		pool[i].magic = FREED;
		pool[i].next_free = i + 1 < POOL ? &pool[i + 1] : NULL;
	}
	free_list = &pool[0];
	current = obj_alloc();
	current->value = 0;
	pthread_t r, u;
	pthread_create(&r, NULL, reader, NULL);
	pthread_create(&u, NULL, updater, NULL);
	pthread_join(r, NULL);
	pthread_join(u, NULL);
	printf("ok updates=%d reads=%d final=%d\n", UPDATES, READS, current->value);
	return 0;
}

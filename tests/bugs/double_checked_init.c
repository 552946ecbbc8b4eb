/* Kind: double-checked locking without barriers
 *
 * get_instance() creates a shared object lazily: it reads the pointer
 * without the lock and only locks when it is NULL. Inside, the pointer is
 * published BEFORE the object's fields are filled in (written out in the
 * source here; a compiler or a weaker CPU may reorder it that way on its
 * own when plain stores are used).
 *
 * Failing interleaving: thread A, inside the lock, stores the pointer and
 * is preempted before setting the fields; thread B's unlocked check sees
 * a non-NULL pointer, skips the lock and uses the object: its magic is
 * still 0, "BUG: used a half-initialised object".
 *
 * Natively the first caller finishes the few stores long before the other
 * threads start.
 *
 * FIXED: the fields are set first, then the pointer is stored with
 * release order, and the unlocked check loads it with acquire order.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS = 3, MAGIC = 0x5eed };

struct registry {
	volatile int magic;
	volatile int slots;
};

static struct registry storage;		/* zero until initialised */
static struct registry *volatile instance;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int slots_seen[THREADS];

static struct registry *get_instance(void)
{
#ifdef FIXED
	struct registry *p = __atomic_load_n(&instance, __ATOMIC_ACQUIRE);
#else
	struct registry *p = instance;
#endif
	if (p == NULL) {
		pthread_mutex_lock(&lock);
		p = instance;
		if (p == NULL) {
			p = &storage;
#ifdef FIXED
			p->magic = MAGIC;
			p->slots = 16;
			__atomic_store_n(&instance, p, __ATOMIC_RELEASE);
#else
			instance = p;		/* published too early */
			p->magic = MAGIC;
			p->slots = 16;
#endif
		}
		pthread_mutex_unlock(&lock);
	}
	return p;
}

static void *user(void *arg)
{
	int id = (int)(long)arg;
	struct registry *r = get_instance();
	if (r->magic != MAGIC) {
		fprintf(stderr, "BUG: used a half-initialised object (magic=%#x)\n", r->magic);
		exit(1);
	}
	slots_seen[id] = r->slots;
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, user, (void *)i);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < THREADS; i++)
		if (slots_seen[i] != 16) {
			fprintf(stderr, "BUG: thread %d saw slots=%d\n", i, slots_seen[i]);
			return 1;
		}
	printf("ok slots=%d\n", slots_seen[0]);
	return 0;
}

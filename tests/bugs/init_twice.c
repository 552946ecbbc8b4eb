/* Kind: racy lazy initialisation (init runs twice)
 *
 * Three threads call ensure_init() before using a handler registry; it
 * runs setup() if the plain flag `initialised` is still 0, and sets the
 * flag once setup() is done. setup() registers 4 handlers.
 *
 * Failing interleaving: thread A sees initialised == 0 and starts
 * setup(), and is preempted before it sets the flag; thread B also sees
 * 0 and runs setup() again: "BUG: setup ran twice" (the handlers would
 * be registered twice).
 *
 * Natively the first thread's setup takes nanoseconds and is done before
 * the second thread starts.
 *
 * FIXED: pthread_once runs setup() exactly once and makes the others
 * wait for it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS = 3, HANDLERS = 4, MAX = 16 };

static volatile int handlers[MAX];
static volatile int nhandlers;
static int setups;
#ifdef FIXED
static pthread_once_t once = PTHREAD_ONCE_INIT;
#else
static volatile int initialised;
#endif

static void register_handler(int h)
{
	int n = nhandlers;
	if (n < MAX)
		handlers[n] = h;
	nhandlers = n + 1;
}

static void setup(void)
{
	if (__atomic_add_fetch(&setups, 1, __ATOMIC_SEQ_CST) > 1) {
		fprintf(stderr, "BUG: setup ran twice\n");
		exit(1);
	}
	for (int h = 1; h <= HANDLERS; h++)
		register_handler(h);
}

static void ensure_init(void)
{
#ifdef FIXED
	pthread_once(&once, setup);
#else
	if (!initialised) {
		setup();
		initialised = 1;
	}
#endif
}

static int seen[THREADS];

static void *user(void *arg)
{
	int id = (int)(long)arg;
	ensure_init();
	seen[id] = nhandlers;
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
		if (seen[i] != HANDLERS) {
			fprintf(stderr, "BUG: thread %d saw %d handlers\n", i, seen[i]);
			return 1;
		}
	printf("ok handlers=%d\n", nhandlers);
	return 0;
}

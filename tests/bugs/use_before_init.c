/* Kind: order violation (use before init)
 *
 * The main thread starts a worker and only then sets up the shared
 * configuration the worker reads: `config` is a pointer that main sets
 * after pthread_create returns.
 *
 * Failing interleaving: the new thread runs before main's store to
 * `config` (main preempted right after pthread_create, or just slower):
 * the worker finds config == NULL: "BUG: config used before it was set".
 *
 * Natively the new thread takes microseconds to start while main needs a
 * few nanoseconds to set the pointer, so main nearly always wins.
 *
 * FIXED: main initialises and publishes the configuration before it
 * creates the worker (pthread_create orders the two).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct config {
	int limit;
	int step;
};

static struct config the_config;
static struct config *volatile config;	/* NULL until main sets it */
static long total;

static void *worker(void *arg)
{
	(void)arg;
	struct config *c = config;
	if (c == NULL) {
		fprintf(stderr, "BUG: config used before it was set\n");
		exit(1);
	}
	for (int i = 0; i < c->limit; i++)
		total += c->step;
	return NULL;
}

static void setup_config(void)
{
	the_config.limit = 10;
	the_config.step = 3;
	config = &the_config;
}

int main(void)
{
	pthread_t t;
#ifdef FIXED
	setup_config();
	pthread_create(&t, NULL, worker, NULL);
#else
	pthread_create(&t, NULL, worker, NULL);
	setup_config();	/* too late if the worker already ran */
#endif
	pthread_join(t, NULL);
	printf("ok total=%ld\n", total);
	return 0;
}

/* Kind: reader/writer flag race
 *
 * A writer updates a pair that must stay consistent (b == 2*a), raising
 * a `writing` flag around the update; a reader checks the flag without
 * any lock and, if it is clear, reads the pair.
 *
 * Failing interleaving: the reader sees writing == 0 and reads a, then
 * is preempted; the writer raises the flag, stores a new a and b, lowers
 * the flag; the reader resumes and reads the new b with the old a (or the
 * writer is preempted between its two stores after the reader's check):
 * "BUG: torn read".
 *
 * Natively the writer's rounds and the reader's rounds rarely overlap,
 * and when they do the window is a few instructions.
 *
 * FIXED: a pthread rwlock: the writer holds it for writing around the
 * update, the reader for reading around its reads.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { WRITES = 100, READS = 100 };

static volatile int writing;
static volatile int a, b;
#ifdef FIXED
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
#endif

static void *writer(void *arg)
{
	(void)arg;
	for (int i = 1; i <= WRITES; i++) {
#ifdef FIXED
		pthread_rwlock_wrlock(&rw);
#endif
		writing = 1;
		a = i;
		b = 2 * i;
		writing = 0;
#ifdef FIXED
		pthread_rwlock_unlock(&rw);
#endif
	}
	return NULL;
}

static void *reader(void *arg)
{
	(void)arg;
	for (int i = 0; i < READS; i++) {
#ifdef FIXED
		pthread_rwlock_rdlock(&rw);
#endif
		if (!writing) {		/* checked without a lock in the buggy version */
			int x = a;
			int y = b;
			if (y != 2 * x) {
				fprintf(stderr, "BUG: torn read: a=%d b=%d\n", x, y);
				exit(1);
			}
		}
#ifdef FIXED
		pthread_rwlock_unlock(&rw);
#endif
	}
	return NULL;
}

int main(void)
{
	pthread_t w, r;
	pthread_create(&w, NULL, writer, NULL);
	pthread_create(&r, NULL, reader, NULL);
	pthread_join(w, NULL);
	pthread_join(r, NULL);
	printf("ok writes=%d a=%d b=%d\n", WRITES, a, b);
	return 0;
}

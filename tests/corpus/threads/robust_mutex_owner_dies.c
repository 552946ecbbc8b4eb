/* A thread dies holding a robust mutex: the kernel walks its robust
 * list at exit, marks the futex word OWNER_DIED and wakes a waiter, who
 * gets EOWNERDEAD, makes it consistent and goes on. A second death
 * without pthread_mutex_consistent leaves it ENOTRECOVERABLE.
 * corpus: native=same */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t m1, m2;
static int locked[2];

static void *die_holding(void *arg)
{
	pthread_mutex_t *m = arg;
	pthread_mutex_lock(m);
	if (write(locked[1], "l", 1) != 1)
		return NULL;
	return NULL; /* exits holding it */
}

static const char *name(int r)
{
	return r == 0 ? "0" : r == EOWNERDEAD ? "EOWNERDEAD" : r == ENOTRECOVERABLE ? "ENOTRECOVERABLE" : strerror(r);
}

int main(void)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&m1, &a);
	pthread_mutex_init(&m2, &a);
	if (pipe(locked) < 0)
		return 1;
	char c;

	/* 1: the owner dies before we even try */
	pthread_t t;
	pthread_create(&t, NULL, die_holding, &m1);
	pthread_join(t, NULL);
	if (read(locked[0], &c, 1) != 1)
		return 1;
	int r = pthread_mutex_lock(&m1);
	printf("lock after the owner died: %s\n", name(r));
	pthread_mutex_consistent(&m1);
	pthread_mutex_unlock(&m1);
	printf("lock after consistent+unlock: %s\n", name(r = pthread_mutex_lock(&m1)));
	pthread_mutex_unlock(&m1);

	/* 2: we are blocked in the lock while the owner dies */
	pthread_create(&t, NULL, die_holding, &m2);
	if (read(locked[0], &c, 1) != 1)
		return 1;
	r = pthread_mutex_lock(&m2);
	printf("blocked lock woken by the owner's death: %s\n", name(r));
	pthread_join(t, NULL);
	/* not made consistent: unlocking makes it unrecoverable */
	pthread_mutex_unlock(&m2);
	printf("lock after unlock without consistent: %s\n", name(pthread_mutex_lock(&m2)));
	printf("trylock: %s\n", name(pthread_mutex_trylock(&m2)));
	return 0;
}

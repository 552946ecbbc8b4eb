/* A thread-to-thread handoff of 1000 rounds through a mutex and two
 * condvars, and another 1000 through a pair of pipes: every round is a
 * blocking wait and a wakeup, so a thread switch each time.
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

enum { ROUNDS = 1000 };
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ping_cv = PTHREAD_COND_INITIALIZER, pong_cv = PTHREAD_COND_INITIALIZER;
static int ball; /* even: ping's turn, odd: pong's */
static int p1[2], p2[2];

static void *pong(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	for (int i = 0; i < ROUNDS; i++) {
		while (ball % 2 == 0)
			pthread_cond_wait(&pong_cv, &m);
		ball++;
		pthread_cond_signal(&ping_cv);
	}
	pthread_mutex_unlock(&m);
	return NULL;
}

static void *pipe_pong(void *arg)
{
	(void)arg;
	unsigned v;
	for (int i = 0; i < ROUNDS; i++) {
		if (read(p1[0], &v, sizeof v) != sizeof v)
			return (void *)1;
		v = v * 3 + 1;
		if (write(p2[1], &v, sizeof v) != sizeof v)
			return (void *)1;
	}
	return NULL;
}

int main(void)
{
	pthread_t t;
	pthread_create(&t, NULL, pong, NULL);
	pthread_mutex_lock(&m);
	for (int i = 0; i < ROUNDS; i++) {
		while (ball % 2 == 1)
			pthread_cond_wait(&ping_cv, &m);
		ball++;
		pthread_cond_signal(&pong_cv);
	}
	while (ball != 2 * ROUNDS)
		pthread_cond_wait(&ping_cv, &m);
	pthread_mutex_unlock(&m);
	pthread_join(t, NULL);
	printf("condvar ping-pong: ball passed %d times\n", ball);

	if (pipe(p1) < 0 || pipe(p2) < 0)
		return 1;
	pthread_create(&t, NULL, pipe_pong, NULL);
	unsigned v = 1;
	for (int i = 0; i < ROUNDS; i++) {
		if (write(p1[1], &v, sizeof v) != sizeof v || read(p2[0], &v, sizeof v) != sizeof v)
			return 1;
		v ^= (unsigned)i;
	}
	void *r;
	pthread_join(t, &r);
	printf("pipe ping-pong: %d rounds, final value %u\n", ROUNDS, v);
	return ball != 2 * ROUNDS || r != NULL;
}

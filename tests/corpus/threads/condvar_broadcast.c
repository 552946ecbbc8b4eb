/* Condition variables: eight threads wait for a generation number and
 * are released by pthread_cond_broadcast ten times; a signal-one phase
 * wakes exactly one per token; pthread_cond_timedwait times out.
 * corpus: native=same */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

enum { THREADS = 8, GENERATIONS = 10 };
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t go = PTHREAD_COND_INITIALIZER, back = PTHREAD_COND_INITIALIZER;
static int generation, arrived, tokens, taken;

static void *worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&m);
	for (int g = 1; g <= GENERATIONS; g++) {
		arrived++;
		pthread_cond_signal(&back);
		while (generation < g)
			pthread_cond_wait(&go, &m);
	}
	/* signal phase: take one token each */
	while (tokens == 0)
		pthread_cond_wait(&go, &m);
	tokens--;
	taken++;
	pthread_cond_signal(&back);
	pthread_mutex_unlock(&m);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	pthread_mutex_lock(&m);
	for (int g = 1; g <= GENERATIONS; g++) {
		while (arrived < g * THREADS)
			pthread_cond_wait(&back, &m);
		generation = g;
		pthread_cond_broadcast(&go);
	}
	printf("%d broadcasts released %d arrivals\n", GENERATIONS, arrived);
	for (int i = 0; i < THREADS; i++) {
		tokens++;
		pthread_cond_signal(&go);
		while (taken < i + 1)
			pthread_cond_wait(&back, &m);
	}
	printf("signal-one: %d tokens taken\n", taken);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 5 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	int r = pthread_cond_timedwait(&back, &m, &ts);
	printf("timedwait with no signaller: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "other");
	pthread_mutex_unlock(&m);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	return !(arrived == THREADS * GENERATIONS && taken == THREADS && r == ETIMEDOUT);
}

/* A work queue: main pushes 500 jobs to a bounded queue (mutex + two
 * condvars), four workers pop them in whatever order and store each
 * result in its slot; the printed checksum does not depend on who did what.
 * corpus: native=same */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

enum { JOBS = 500, WORKERS = 4, CAP = 8 };
static int queue[CAP], head, count, closed;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static uint64_t results[JOBS];
static int done_by[WORKERS];

static uint64_t work(int n)
{
	uint64_t x = (uint64_t)n * 2654435761u + 1;
	for (int i = 0; i < 200; i++)
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
	return x >> 16;
}

static void *worker(void *arg)
{
	long id = (long)arg;
	for (;;) {
		pthread_mutex_lock(&m);
		while (count == 0 && !closed)
			pthread_cond_wait(&not_empty, &m);
		if (count == 0) {
			pthread_mutex_unlock(&m);
			return NULL;
		}
		int job = queue[head];
		head = (head + 1) % CAP;
		count--;
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&m);
		results[job] = work(job);
		done_by[id]++;
	}
}

int main(void)
{
	pthread_t t[WORKERS];
	for (long i = 0; i < WORKERS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int j = 0; j < JOBS; j++) {
		pthread_mutex_lock(&m);
		while (count == CAP)
			pthread_cond_wait(&not_full, &m);
		queue[(head + count) % CAP] = j;
		count++;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&m);
	}
	pthread_mutex_lock(&m);
	closed = 1;
	pthread_cond_broadcast(&not_empty);
	pthread_mutex_unlock(&m);
	int total = 0;
	for (int i = 0; i < WORKERS; i++) {
		pthread_join(t[i], NULL);
		total += done_by[i];
	}
	uint64_t sum = 0;
	int bad = 0;
	for (int j = 0; j < JOBS; j++) {
		sum ^= results[j] * (uint64_t)(j + 1);
		bad += results[j] != work(j);
	}
	printf("%d jobs done by %d workers, checksum %016llx, wrong results %d\n", total, WORKERS,
	       (unsigned long long)sum, bad);
	return total != JOBS || bad;
}

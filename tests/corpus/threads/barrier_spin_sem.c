/* pthread barriers (one serial thread per cycle, 100 cycles of six
 * threads), pthread spinlocks guarding a counter, and unnamed sem_t
 * used as a counting semaphore with sem_trywait/sem_timedwait.
 * corpus: native=same */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <time.h>

enum { THREADS = 6, CYCLES = 100 };
static pthread_barrier_t bar;
static pthread_spinlock_t spin;
static sem_t slots;
static long serials, counter;
static int in_sem, max_in_sem;

static void *worker(void *arg)
{
	(void)arg;
	for (int c = 0; c < CYCLES; c++) {
		pthread_spin_lock(&spin);
		counter++;
		pthread_spin_unlock(&spin);
		if (pthread_barrier_wait(&bar) == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_fetch_add(&serials, 1, __ATOMIC_SEQ_CST);
		if (c % 10 == 0) {
			sem_wait(&slots);
			int n = __atomic_add_fetch(&in_sem, 1, __ATOMIC_SEQ_CST);
			pthread_spin_lock(&spin);
			if (n > max_in_sem)
				max_in_sem = n;
			pthread_spin_unlock(&spin);
			sched_yield();
			__atomic_sub_fetch(&in_sem, 1, __ATOMIC_SEQ_CST);
			sem_post(&slots);
		}
	}
	return NULL;
}

int main(void)
{
	pthread_barrier_init(&bar, NULL, THREADS);
	pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
	sem_init(&slots, 0, 2);
	pthread_t t[THREADS];
	for (int i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	printf("barrier: %ld serial threads in %d cycles\n", serials, CYCLES);
	printf("spinlock counter %ld (expected %d)\n", counter, THREADS * CYCLES);
	printf("semaphore: never more than 2 inside: %s\n", max_in_sem <= 2 ? "yes" : "no");
	int v;
	sem_getvalue(&slots, &v);
	sem_wait(&slots);
	sem_wait(&slots);
	errno = 0;
	int r = sem_trywait(&slots);
	printf("value %d; after two waits trywait: %s\n", v, r < 0 && errno == EAGAIN ? "EAGAIN" : "?");
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 3 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	errno = 0;
	r = sem_timedwait(&slots, &ts);
	printf("timedwait: %s\n", r < 0 && errno == ETIMEDOUT ? "ETIMEDOUT" : "?");
	return !(serials == CYCLES && counter == THREADS * CYCLES && max_in_sem <= 2);
}

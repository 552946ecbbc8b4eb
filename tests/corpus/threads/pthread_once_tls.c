/* pthread_once raced by eight threads (the init runs once), __thread
 * variables with initialisers (each thread sees its own copy), and
 * pthread_key_create destructors that run at each thread's exit, one
 * of them re-setting its value so the destructor runs a second round.
 * corpus: native=same */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { THREADS = 8 };
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int init_runs;
static __thread int tls_counter = 100;
static __thread char tls_name[16] = "unset";
static pthread_key_t key;
static int destructor_calls, second_rounds;
static pthread_key_t dkey;
static long tls_sum;

static void init(void)
{
	init_runs++;
	pthread_key_create(&key, NULL);
}

static void destructor(void *v)
{
	long id = (long)v - 1;
	__atomic_fetch_add(&destructor_calls, 1, __ATOMIC_SEQ_CST);
	if (id == 3) { /* set it again once: a second destructor round */
		static int again;
		if (!__atomic_exchange_n(&again, 1, __ATOMIC_SEQ_CST))
			pthread_setspecific(dkey, (void *)(id + 1));
		else
			__atomic_fetch_add(&second_rounds, 1, __ATOMIC_SEQ_CST);
	}
}

static void *worker(void *arg)
{
	long id = (long)arg;
	pthread_once(&once, init);
	tls_counter += (int)id;
	snprintf(tls_name, sizeof tls_name, "worker%ld", id);
	pthread_setspecific(key, (void *)id);
	pthread_setspecific(dkey, (void *)(id + 1));
	for (int i = 0; i < 1000; i++)
		tls_counter++;
	if ((long)pthread_getspecific(key) != id || tls_name[6] != '0' + id)
		return (void *)1;
	__atomic_fetch_add(&tls_sum, tls_counter, __ATOMIC_SEQ_CST);
	return NULL;
}

int main(void)
{
	pthread_key_create(&dkey, destructor);
	pthread_t t[THREADS];
	for (long i = 0; i < THREADS; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	long bad = 0;
	for (int i = 0; i < THREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		bad += (long)r;
	}
	printf("pthread_once init ran %d time(s)\n", init_runs);
	printf("main's __thread copy untouched: %d %s\n", tls_counter, tls_name);
	printf("sum of the threads' __thread counters %ld (expected %d)\n", tls_sum,
	       THREADS * 1100 + THREADS * (THREADS - 1) / 2);
	printf("destructor calls %d (expected %d), second rounds %d\n", destructor_calls,
	       THREADS + 1, second_rounds);
	return !(init_runs == 1 && bad == 0 && destructor_calls == THREADS + 1);
}
